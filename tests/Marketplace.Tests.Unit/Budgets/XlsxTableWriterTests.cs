using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Marketplace.Domain;
using Marketplace.Reports.Excel;

namespace Marketplace.Tests.Unit.Budgets;

public sealed class XlsxTableWriterTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("东山街道", "东山街道")]
    [InlineData("a=b", "a=b")]
    public void Text_that_could_run_as_a_formula_is_neutralised(string text, string expected)
    {
        Assert.Equal(expected, XlsxTableWriter.Neutralise(text));
    }

    [Fact]
    public void Workbook_reads_back_with_numeric_amounts_and_neutralised_text()
    {
        var bytes = XlsxTableWriter.Write(new XlsxTable("2026年度预算", "标题", ["街道", "年度预算（元）"],
        [
            ["=cmd|' /C calc'!A0", XlsxCell.Of(Money.FromYuan(1_999_999.99m), alert: true)],
            ["东山街道", XlsxCell.Of(Money.FromYuan(2_000_000m))],
        ]));

        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        Assert.Equal(4, rows.Count);
        var cells = rows[2].Elements<Cell>().ToList();
        Assert.Equal("'=cmd|' /C calc'!A0", cells[0].InlineString!.InnerText);
        Assert.Null(cells[0].CellFormula);
        Assert.Equal(1_999_999.99m, decimal.Parse(cells[1].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2_000_000m, decimal.Parse(rows[3].Elements<Cell>().ElementAt(1).CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2026年度预算", doc.WorkbookPart.Workbook.Descendants<Sheet>().Single().Name!.Value);
    }
}
