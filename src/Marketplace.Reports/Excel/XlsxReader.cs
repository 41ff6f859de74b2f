using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Marketplace.Reports.Excel;

/// <summary>
/// Reads the first sheet of an .xlsx workbook row by row (Open XML SAX), so an uploaded sheet of any
/// length never sits in memory whole. The counterpart of <see cref="XlsxWriter"/>.
/// </summary>
public static class XlsxReader
{
    private const long MaxSharedCharacters = 20_000_000;

    /// <summary>Undoes <see cref="XlsxWriter.Neutralise"/> so an exported sheet imports back unchanged.</summary>
    public static string Restore(string text) =>
        text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? text[1..] : text;

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
        long characters = 0;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                var text = reader.LoadCurrentElement()!.InnerText;
                // The string table is the one part held whole; a crafted file must not make it unbounded.
                characters += text.Length;
                if (characters > MaxSharedCharacters)
                {
                    throw new UnreadableWorkbookException("工作簿中的文字过多，无法导入");
                }
                strings.Add(text);
            }
        }
        return strings;
    }
}
