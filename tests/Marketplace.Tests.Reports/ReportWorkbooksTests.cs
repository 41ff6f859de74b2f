using DocumentFormat.OpenXml.Spreadsheet;
using Marketplace.Reports.Excel;

namespace Marketplace.Tests.Reports;

public sealed class ReportWorkbooksTests
{
    [Fact]
    public void District_workbook_lists_every_street_below_floor_first_with_numeric_amounts()
    {
        var model = SampleModels.Jiangning(("淳化街道", 1_999_999.99m));
        using var stream = new MemoryStream();

        ReportWorkbooks.District(stream, model);

        var rows = XlsxRead.Rows(stream, out var sheet, out _);
        Assert.Equal("江宁区2026年度预算", sheet);
        Assert.Equal(model.Streets.Count + 1, rows.Count);
        Assert.Equal("淳化街道", XlsxRead.Text(rows[1][0]));
        Assert.Equal("未达标", XlsxRead.Text(rows[1][3]));
        Assert.Equal(CellValues.Number, rows[1][1].DataType!.Value);
        Assert.Equal("1999999.99", rows[1][1].CellValue!.Text);
        Assert.Equal("0.01", rows[1][4].CellValue!.Text);
        Assert.All(rows.Skip(2), r => Assert.Equal("达标", XlsxRead.Text(r[3])));
        Assert.Equal(SampleModels.JiangningStreets.Order(), rows.Skip(1).Select(r => XlsxRead.Text(r[0])).Order());
    }

    [Fact]
    public void Award_workbook_has_every_applicant_by_rank()
    {
        using var stream = new MemoryStream();

        ReportWorkbooks.AwardScores(stream, SampleModels.Award());

        var rows = XlsxRead.Rows(stream, out _, out _);
        Assert.Equal(["1", "2", "3"], rows.Skip(1).Select(r => XlsxRead.Text(r[0])));
        Assert.Equal("91.35", rows[1][3].CellValue!.Text);
        Assert.Equal("是", XlsxRead.Text(rows[1][4]));
    }
}
