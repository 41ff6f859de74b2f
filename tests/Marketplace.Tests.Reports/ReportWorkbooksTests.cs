using System.Globalization;
using Marketplace.Reports.Excel;
using Marketplace.Reports.Models;

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
        Assert.Equal("91.35", rows[1][4].CellValue!.Text);
        Assert.Equal("是", XlsxRead.Text(rows[1][5]));
    }

    [Fact]
    public void Award_workbook_has_a_column_per_criterion_and_the_price_score_as_two_decimal_numbers()
    {
        var model = SampleModels.Award() with
        {
            Applicants =
            [
                new ApplicantResult(1, "南京市江宁区乐家社会工作服务中心", SampleModels.Yuan(456_000m), 88.8m, true)
                {
                    CriterionScores = [36.5m, 22m, 10.3m], PriceScore = 20m,
                },
            ],
        };
        model = model with { Criteria = ["服务方案", "服务团队", "服务经验"] };
        using var stream = new MemoryStream();

        ReportWorkbooks.AwardScores(stream, model);

        var rows = XlsxRead.Rows(stream, out _, out var styles);
        Assert.Equal(["排名", "申请单位", "报价（元）", "服务方案", "服务团队", "服务经验", "价格分", "综合得分", "成交/中标"],
            rows[0].Select(XlsxRead.Text));
        var row = rows[1];
        Assert.Equal(["36.50", "22.00", "10.30", "20.00", "88.80"], row.Skip(3).Take(5).Select(c => c.CellValue!.Text));
        var formats = styles.CellFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().ToList();
        foreach (var cell in row.Skip(3).Take(5))
        {
            Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.CellValues.Number, cell.DataType!.Value);
            Assert.Equal(2u, formats[(int)cell.StyleIndex!.Value].NumberFormatId!.Value); // built-in "0.00"
        }
        Assert.Equal(88.8m, decimal.Parse(row[7].CellValue!.Text, CultureInfo.InvariantCulture));
    }
}
