using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Marketplace.Reports.Excel;

/// <summary>
/// One-sheet .xlsx tables, written and read element by element (Open XML SAX), so a list of any length
/// never sits in memory whole. Text is written as inline strings: nothing the user typed is ever a formula.
/// </summary>
public static class XlsxTable
{
    /// <summary>
    /// Writes a header row and data rows. Values: string (text), int/long/decimal (number), DateOnly (text
    /// yyyy-MM-dd), null (empty). <paramref name="output"/> must be seekable (a zip package is written).
    /// </summary>
    public static void Write(Stream output, string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new Columns());
            for (var i = 0; i < headers.Count; i++)
            {
                writer.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = 18, CustomWidth = true });
            }
            writer.WriteEndElement();
            writer.WriteStartElement(new SheetData());
            var rowIndex = 1u;
            WriteRow(writer, rowIndex++, headers);
            foreach (var row in rows)
            {
                WriteRow(writer, rowIndex++, row);
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        workbookPart.Workbook = new Workbook(new Sheets(new Sheet
        {
            Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName,
        }));
        workbookPart.Workbook.Save();
    }

    /// <summary>
    /// OWASP "CSV/formula injection": text starting with = + - @ (or tab / carriage return) can be taken for
    /// a formula when the sheet is re-saved or pasted; a leading apostrophe keeps it text.
    /// </summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <summary>Undoes <see cref="Neutralise"/> so an exported sheet imports back unchanged.</summary>
    public static string Restore(string text) =>
        text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? text[1..] : text;

    private static void WriteRow(OpenXmlWriter writer, uint rowIndex, IEnumerable<object?> values)
    {
        writer.WriteStartElement(new Row { RowIndex = rowIndex });
        var column = 0;
        foreach (var value in values)
        {
            var reference = ColumnName(column++) + rowIndex.ToString(CultureInfo.InvariantCulture);
            switch (value)
            {
                case null:
                    break;
                case int or long or decimal:
                    writer.WriteElement(new Cell
                    {
                        CellReference = reference,
                        CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!),
                        DataType = CellValues.Number,
                    });
                    break;
                default:
                    var text = value is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                    writer.WriteElement(new Cell(new InlineString(new Text(Neutralise(text)) { Space = SpaceProcessingModeValues.Preserve }))
                    {
                        CellReference = reference,
                        DataType = CellValues.InlineString,
                    });
                    break;
            }
        }
        writer.WriteEndElement();
    }

    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }
        return name;
    }

    private static int ColumnIndex(string? cellReference)
    {
        if (string.IsNullOrEmpty(cellReference))
        {
            return -1;
        }
        var index = 0;
        foreach (var c in cellReference.TakeWhile(char.IsAsciiLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return index - 1;
    }

    /// <summary>Thrown for a file that is not a readable .xlsx workbook.</summary>
    public sealed class UnreadableWorkbookException(string message, Exception? inner = null) : Exception(message, inner);

    /// <summary>
    /// Reads the first sheet row by row: (Excel row number, cell texts by column). Stops after
    /// <paramref name="maxRows"/> rows so an oversized sheet costs no more than that. Numbers come back as
    /// their invariant text; dates typed as Excel dates come back as their serial number text.
    /// </summary>
    public static IEnumerable<(int RowNumber, string[] Cells)> Read(Stream input, int maxRows)
    {
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(input, false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or ArgumentException)
        {
            throw new UnreadableWorkbookException("文件不是有效的 .xlsx 工作簿", e);
        }
        using (document)
        {
            var workbookPart = document.WorkbookPart ?? throw new UnreadableWorkbookException("工作簿中没有工作表");
            var firstSheet = workbookPart.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (firstSheet?.Id?.Value is not { } sheetId || workbookPart.GetPartById(sheetId) is not WorksheetPart sheetPart)
            {
                throw new UnreadableWorkbookException("工作簿中没有工作表");
            }
            var shared = ReadSharedStrings(workbookPart.SharedStringTablePart);
            using var reader = OpenXmlReader.Create(sheetPart);
            var count = 0;
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                {
                    continue;
                }
                if (count++ >= maxRows)
                {
                    yield break;
                }
                var row = (Row)reader.LoadCurrentElement()!;
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var index = ColumnIndex(cell.CellReference?.Value);
                    if (index < 0)
                    {
                        index = cells.Count;
                    }
                    if (index > 200)
                    {
                        continue;
                    }
                    while (cells.Count <= index)
                    {
                        cells.Add(string.Empty);
                    }
                    cells[index] = Restore(CellText(cell, shared).Trim());
                }
                yield return ((int)(row.RowIndex?.Value ?? (uint)count), cells.ToArray());
            }
        }
    }

    private static string CellText(Cell cell, IReadOnlyList<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }
        var raw = cell.CellValue?.Text ?? string.Empty;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : string.Empty;
        }
        return raw;
    }

    private static List<string> ReadSharedStrings(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(reader.LoadCurrentElement()!.InnerText);
            }
        }
        return strings;
    }
}
