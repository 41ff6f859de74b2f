using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Marketplace.Domain;

namespace Marketplace.Reports.Excel;

/// <summary>One cell: text, an amount of money, or a whole number; <see cref="Alert"/> paints it red.</summary>
public sealed record XlsxCell(string? Text, Money? Amount = null, long? Number = null, bool Alert = false)
{
    public static implicit operator XlsxCell(string? text) => new(text);

    public static XlsxCell Of(Money amount, bool alert = false) => new(null, amount, null, alert);

    public static XlsxCell Of(long number) => new(null, null, number);
}

/// <summary>A single-sheet table: a title row, a header row and data rows.</summary>
public sealed record XlsxTable(string SheetName, string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<XlsxCell>> Rows);

/// <summary>
/// Writes an <see cref="XlsxTable"/> as an .xlsx workbook. Amounts are real numeric cells with two
/// decimals (sum-able in Excel); text that a spreadsheet could take for a formula is neutralised.
/// </summary>
public static class XlsxTableWriter
{
    private const uint MoneyStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint AlertMoneyStyle = 3;
    private const uint AlertTextStyle = 4;
    private const uint TitleStyle = 5;

    public static byte[] Write(XlsxTable table)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var columns = new Columns(new Column { Min = 1, Max = (uint)Math.Max(1, table.Headers.Count), Width = 18, CustomWidth = true });
            sheetPart.Worksheet = new Worksheet(columns, data);

            uint r = 1;
            data.Append(Row(r++, [new XlsxCell(table.Title)], TitleStyle));
            data.Append(Row(r++, [.. table.Headers.Select(h => new XlsxCell(h))], HeaderStyle));
            foreach (var row in table.Rows)
            {
                data.Append(Row(r++, row, null));
            }
            workbook.Workbook.AppendChild(new Sheets(new Sheet
            {
                Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(table.SheetName),
            }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>
    /// OWASP "CSV injection": a cell starting with = + - @ (or tab / carriage return) could be run as a
    /// formula when the sheet is edited or re-exported; a leading apostrophe keeps it plain text.
    /// </summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static Row Row(uint index, IReadOnlyList<XlsxCell> cells, uint? style)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            var reference = Column(i) + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Cell cell;
            if (c.Amount is { } amount)
            {
                cell = new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(amount.Yuan), StyleIndex = c.Alert ? AlertMoneyStyle : MoneyStyle };
            }
            else if (c.Number is { } number)
            {
                cell = new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(number.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            }
            else
            {
                cell = new Cell
                {
                    CellReference = reference, DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(Neutralise(c.Text ?? string.Empty)) { Space = SpaceProcessingModeValues.Preserve }),
                };
                if (style is { } s)
                {
                    cell.StyleIndex = s;
                }
                else if (c.Alert)
                {
                    cell.StyleIndex = AlertTextStyle;
                }
            }
            row.Append(cell);
        }
        return row;
    }

    private static string Column(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }
        return name;
    }

    // Excel limits sheet names to 31 characters and forbids : \ / ? * [ ].
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Where(ch => ch is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]);
        return clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "Sheet1" : clean;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.00" }) { Count = 1 },
        new Fonts(
            new Font(),
            new Font(new Bold()),
            new Font(new Color { Rgb = "FFC00000" }),
            new Font(new Bold(), new FontSize { Val = 14 })) { Count = 4 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true, FontId = 2, ApplyFont = true },
            new CellFormat { FontId = 2, ApplyFont = true },
            new CellFormat { FontId = 3, ApplyFont = true }) { Count = 6 });
}
