using Marketplace.Reports.Excel;

namespace Marketplace.Tests.Reports;

public sealed class ReportWorkbooksTests
{
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
