using DocumentFormat.OpenXml.Spreadsheet;
using Marketplace.Reports.Excel;

namespace Marketplace.Tests.Reports;

public sealed class XlsxWriterTests
{
    [Fact]
    public void Writes_headers_text_money_as_number_and_dates()
    {
        using var stream = new MemoryStream();
        XlsxWriter.Write(stream, "街道预算", ["街道", "年度预算（元）", "生成日期", "达标"],
        [
            ["东山街道", SampleModels.Yuan(1_999_999.99m), new DateOnly(2026, 11, 22), false],
            ["秣陵街道", SampleModels.Yuan(2_000_000m), new DateOnly(2026, 1, 5), true],
        ]);

        var rows = XlsxRead.Rows(stream, out var name, out var styles);

        Assert.Equal("街道预算", name);
        Assert.Equal(["街道", "年度预算（元）", "生成日期", "达标"], rows[0].Select(XlsxRead.Text));
        Assert.Equal("东山街道", XlsxRead.Text(rows[1][0]));
        var money = rows[1][1];
        Assert.Equal(CellValues.Number, money.DataType!.Value);
        Assert.Equal(1_999_999.99m, decimal.Parse(money.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)money.StyleIndex!.Value);
        Assert.Equal(2u, format.NumberFormatId!.Value); // built-in "0.00"
        var date = rows[1][2];
        Assert.Equal(new DateTime(2026, 11, 22), DateTime.FromOADate(double.Parse(date.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("否", XlsxRead.Text(rows[1][3]));
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public void A_moment_keeps_its_time_of_day_with_a_date_and_time_format()
    {
        using var stream = new MemoryStream();
        XlsxWriter.Write(stream, "采购项目", ["报名截止"], [[new DateTime(2026, 12, 15, 10, 30, 0)]]);

        var rows = XlsxRead.Rows(stream, out _, out var styles);

        var cell = rows[1][0];
        Assert.Equal(new DateTime(2026, 12, 15, 10, 30, 0),
            DateTime.FromOADate(double.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        var formatId = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value).NumberFormatId!.Value;
        Assert.Equal("yyyy-mm-dd hh:mm", styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == formatId).FormatCode!.Value);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"点击\")")]
    [InlineData("+1+2")]
    [InlineData("-1+2")]
    [InlineData("@SUM(A1)")]
    public void Text_that_would_start_a_formula_is_neutralised(string hostile)
    {
        using var stream = new MemoryStream();
        XlsxWriter.Write(stream, "列表", ["组织名称"], [[hostile]]);

        var cell = XlsxRead.Rows(stream, out _, out _)[1][0];

        Assert.Null(cell.CellFormula);
        Assert.Equal("'" + hostile, XlsxRead.Text(cell));
    }

    [Fact]
    public void Ordinary_text_is_left_alone_and_bad_sheet_names_are_cleaned()
    {
        using var stream = new MemoryStream();
        XlsxWriter.Write(stream, "2026/预算:汇总[全部街道]和各区各街道的购买服务年度预算执行情况", ["名称"], [["乐家社会工作服务中心"]]);

        var rows = XlsxRead.Rows(stream, out var name, out _);

        Assert.Equal("乐家社会工作服务中心", XlsxRead.Text(rows[1][0]));
        Assert.True(name.Length <= 31);
        Assert.DoesNotContain('/', name);
        Assert.DoesNotContain(':', name);
    }
}
