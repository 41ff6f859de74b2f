using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Marketplace.Tests.Reports;

/// <summary>Opens a written workbook with OpenXml, as Excel would, and returns its cells row by row.</summary>
internal static class XlsxRead
{
    public static List<List<Cell>> Rows(MemoryStream stream, out string sheetName, out Stylesheet styles)
    {
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        sheetName = workbook.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value!;
        styles = (Stylesheet)workbook.WorkbookStylesPart!.Stylesheet.CloneNode(true);
        var sheet = workbook.WorksheetParts.Single().Worksheet;
        return sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => (Cell)c.CloneNode(true)).ToList()).ToList();
    }

    public static string Text(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? string.Empty;
}
