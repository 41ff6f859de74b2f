using System.Text.RegularExpressions;
using Marketplace.Reports;
using Marketplace.Reports.Documents;

namespace Marketplace.Tests.Reports;

public sealed class DistrictBudgetReportTests
{
    [Fact]
    public void District_report_lists_every_street_with_its_floor_mark()
    {
        var model = SampleModels.Jiangning(("汤山街道", 1_800_000m), ("湖熟街道", 2_000_000m));
        var text = PdfText.All(ReportRenderer.Render(new DistrictBudgetReport(model)));

        Assert.Contains("街道购买服务预算执行汇总报告", text);
        Assert.Contains("2,000,000.00", text);
        foreach (var street in model.Streets)
        {
            // Table row: 序号, street, budget, then the floor mark.
            var row = Regex.Match(text, Regex.Escape(street.Street) + @"([\d,]+\.\d{2})(达标|未达标)");
            Assert.True(row.Success, $"no table row for {street.Street}");
            var expected = street.Budget.Yuan >= 2_000_000m ? "达标" : "未达标";
            Assert.Equal(expected, row.Groups[2].Value);
        }
    }

    [Fact]
    public void District_report_lists_street_below_floor_first()
    {
        var model = SampleModels.Jiangning(("淳化街道", 1_999_999.99m));
        var text = PdfText.All(ReportRenderer.Render(new DistrictBudgetReport(model)));

        Assert.Contains("1. 淳化街道：预算 ¥1,999,999.99，未达标，差额 ¥0.01", text);
        Assert.Contains("1淳化街道1,999,999.99未达标", text);
        var first = text.IndexOf("淳化街道", StringComparison.Ordinal);
        foreach (var other in SampleModels.JiangningStreets.Where(s => s != "淳化街道"))
        {
            Assert.True(first < text.IndexOf(other, StringComparison.Ordinal), $"{other} appears before the below-floor street");
        }
        Assert.Contains("未达标 1 个", text);
    }

    [Fact]
    public void District_report_with_all_streets_above_floor_says_so()
    {
        var text = PdfText.All(ReportRenderer.Render(new DistrictBudgetReport(SampleModels.Jiangning())));

        Assert.Contains("全部街道均达到最低标准。", text);
        Assert.DoesNotContain("未达标 ", text.Replace("未达标 0 个", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Page_count_grows_with_rows_and_table_header_repeats_on_page_two()
    {
        var small = PdfText.Pages(ReportRenderer.Render(new DistrictBudgetReport(SampleModels.ManyStreets(5))));
        var large = PdfText.Pages(ReportRenderer.Render(new DistrictBudgetReport(SampleModels.ManyStreets(150))));

        Assert.True(large.Count > small.Count, $"{large.Count} pages for 150 streets vs {small.Count} for 5");
        Assert.Contains("年度预算（元）最低标准不低于上年预算占用（元）已承诺（元）已支付（元）执行率", large[1]);
        Assert.Contains($"第 2 页 / 共 {large.Count} 页", large[1]);
        var all = string.Join("\n", large);
        for (var i = 1; i <= 150; i++)
        {
            Assert.Contains($"测试{i}号街道{2_000_000 + i:N0}.00达标", all);
        }
    }

    [Fact]
    public void All_districts_report_has_a_section_for_every_district_and_every_street()
    {
        var jiangning = SampleModels.Jiangning(("谷里街道", 1_500_000m));
        var wuxing = jiangning with
        {
            District = "吴兴区",
            Streets = [new("朝阳街道", SampleModels.Yuan(2_300_000m), null, SampleModels.Yuan(1m), SampleModels.Yuan(0m)),
                       new("爱山街道", SampleModels.Yuan(2_050_000m), null, SampleModels.Yuan(1m), SampleModels.Yuan(0m))],
        };
        var model = new Marketplace.Reports.Models.AllDistrictsBudgetReportModel(2026, "市民政局", SampleModels.Today, [jiangning, wuxing]);

        var pages = PdfText.Pages(ReportRenderer.Render(new AllDistrictsBudgetReport(model)));
        var text = string.Join("\n", pages);

        Assert.Contains("各区街道购买服务预算执行汇总报告", text);
        Assert.Contains("一、江宁区", text);
        Assert.Contains("二、吴兴区", text);
        foreach (var street in jiangning.Streets.Concat(wuxing.Streets))
        {
            Assert.Contains(street.Street, text);
        }
        Assert.Contains("1谷里街道1,500,000.00未达标", text);
        Assert.DoesNotContain("吴兴区", pages[0]); // each district starts on its own page
    }
}
