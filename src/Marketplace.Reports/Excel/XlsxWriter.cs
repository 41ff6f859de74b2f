using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Marketplace.Domain;

namespace Marketplace.Reports.Excel;

/// <summary>
/// Writes one worksheet from headers and rows. Rows are written with OpenXmlWriter as they are enumerated,
/// so a long export never builds the whole sheet's DOM in memory. Cell values may be string, Money or
/// TwoDecimals (written as a number with two decimals), DateOnly (a date), DateTime (date and time), whole or decimal numbers, bool, or null.
/// </summary>
public static class XlsxWriter
{
    /// <summary>Characters that make Excel or LibreOffice treat typed-in text as a formula (CSV/formula injection).</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <param name="output">A seekable, writable stream (a zip package is written); it is left open.</param>
    public static void Write(Stream output, string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = XlsxStyles.Create();
        var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();

        using (var writer = OpenXmlWriter.Create(worksheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            WriteColumns(writer, headers);
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, headers.Cast<object?>().ToList(), XlsxStyles.Header);
            foreach (var row in rows)
            {
                WriteRow(writer, row, null);
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        workbookPart.Workbook.AppendChild(new Sheets(new Sheet
        {
            Id = workbookPart.GetIdOfPart(worksheetPart),
            SheetId = 1,
            Name = SafeSheetName(sheetName),
        }));
        workbookPart.Workbook.Save();
    }

    /// <summary>Text that would start a formula gets a leading apostrophe, so it is shown, never evaluated.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0 ? "'" + text : text;

    private static void WriteColumns(OpenXmlWriter writer, IReadOnlyList<string> headers)
    {
        writer.WriteStartElement(new Columns());
        for (var i = 0; i < headers.Count; i++)
        {
            // Han characters are about two Latin characters wide in Excel's width unit.
            var width = Math.Clamp(headers[i].Length * 2.2 + 4, 10, 60);
            var index = (uint)(i + 1);
            writer.WriteElement(new Column { Min = index, Max = index, Width = width, CustomWidth = true });
        }
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, IReadOnlyList<object?> values, uint? style)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            WriteCell(writer, value, style);
        }
        writer.WriteEndElement();
    }

    private static void WriteCell(OpenXmlWriter writer, object? value, uint? style)
    {
        switch (value)
        {
            case null:
                writer.WriteElement(new Cell());
                break;
            case Money m:
                Number(writer, m.Yuan.ToString(CultureInfo.InvariantCulture), style ?? XlsxStyles.Money);
                break;
            case DateOnly d:
                Number(writer, d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture), style ?? XlsxStyles.Date);
                break;
            case DateTime dt:
                // A moment keeps its time of day (报名截止 10:00 matters); a plain date is a DateOnly.
                Number(writer, dt.ToOADate().ToString(CultureInfo.InvariantCulture), style ?? XlsxStyles.DateAndTime);
                break;
            case TwoDecimals t:
                Number(writer, t.Rounded.ToString("0.00", CultureInfo.InvariantCulture), style ?? XlsxStyles.Money);
                break;
            case int or long or decimal:
                Number(writer, Convert.ToString(value, CultureInfo.InvariantCulture)!, style ?? XlsxStyles.Default);
                break;
            case bool b:
                Text(writer, b ? "是" : "否", style);
                break;
            default:
                Text(writer, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, style);
                break;
        }
    }

    private static void Number(OpenXmlWriter writer, string value, uint style) =>
        writer.WriteElement(new Cell(new CellValue(value)) { DataType = CellValues.Number, StyleIndex = style });

    private static void Text(OpenXmlWriter writer, string value, uint? style)
    {
        // Inline strings keep the export single-pass: no shared-string table to collect first.
        var cell = new Cell(new InlineString(new Text(Neutralise(value)) { Space = SpaceProcessingModeValues.Preserve }))
        {
            DataType = CellValues.InlineString,
        };
        if (style is { } s)
        {
            cell.StyleIndex = s;
        }
        writer.WriteElement(cell);
    }

    /// <summary>Excel refuses sheet names over 31 characters or containing : \ / ? * [ ].</summary>
    private static string SafeSheetName(string name)
    {
        var cleaned = new string(name.Select(c => ":\\/?*[]".Contains(c, StringComparison.Ordinal) ? '_' : c).ToArray()).Trim('\'');
        return cleaned.Length == 0 ? "Sheet1" : cleaned[..Math.Min(31, cleaned.Length)];
    }
}
