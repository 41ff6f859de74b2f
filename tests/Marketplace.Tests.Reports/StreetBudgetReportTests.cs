using Marketplace.Reports;
using Marketplace.Reports.Documents;

namespace Marketplace.Tests.Reports;

public sealed class StreetBudgetReportTests
{
    [Fact]
    public void Street_report_shows_title_floor_line_and_met_mark()
    {
        var text = PdfText.All(ReportRenderer.Render(new StreetBudgetReport(SampleModels.Street(fiscal: 1_600_000m))));

        Assert.Contains("街道购买服务年度预算执行报告", text);
        Assert.Contains("东山街道", text);
        Assert.Contains("不少于 2,000,000.00 元", text);
        Assert.Contains("最低标准：达标", text);
        Assert.DoesNotContain("未达标", text);
    }

    [Fact]
    public void Street_report_below_floor_shows_not_met_and_shortfall()
    {
        // 1,499,999.99 + 300,000 + 150,000 + 50,000 = 1,999,999.99: one fen short.
        var text = PdfText.All(ReportRenderer.Render(new StreetBudgetReport(SampleModels.Street(fiscal: 1_499_999.99m))));

        Assert.Contains("最低标准：未达标，差额 ¥0.01", text);
        Assert.Contains("1,999,999.99", text);
    }

    [Fact]
    public void Street_report_shows_every_funding_source_method_and_purchase()
    {
        var model = SampleModels.Street();
        var text = PdfText.All(ReportRenderer.Render(new StreetBudgetReport(model)));

        foreach (var source in new[] { "财政资金", "福利彩票公益金", "街道社会组织专项发展基金", "社会力量" })
        {
            Assert.Contains(source, text);
        }
        foreach (var method in new[] { "合同外包", "项目委托", "公益创投" })
        {
            Assert.Contains(method, text);
        }
        foreach (var purchase in model.Purchases)
        {
            Assert.Contains(purchase.Title, text);
        }
        Assert.Contains("可用余额", text);
        // 2,000,000.00 allocated − 1,250,000.00 committed − 480,000.50 disbursed (BudgetFigures.Available).
        Assert.Contains("可用余额269,999.50", text);
    }

    [Fact]
    public void Street_report_flags_budget_lower_than_last_year()
    {
        var text = PdfText.All(ReportRenderer.Render(new StreetBudgetReport(SampleModels.Street(fiscal: 1_500_000m, lastYear: 2_100_000m))));

        Assert.Contains("增长机制（不低于上年）：不符合，上年预算 ¥2,100,000.00，减少 ¥100,000.00", text);
    }

    [Fact]
    public void Street_report_without_last_year_says_so_instead_of_failing_growth()
    {
        var text = PdfText.All(ReportRenderer.Render(new StreetBudgetReport(SampleModels.Street(lastYear: null))));

        Assert.Contains("无上年预算数据", text);
        Assert.DoesNotContain("不符合", text);
    }

    [Fact]
    public void Street_report_with_unpaid_purchase_shows_dash_not_zero()
    {
        var text = PdfText.All(ReportRenderer.Render(new StreetBudgetReport(SampleModels.Street(purchases: 1))));

        // Purchase 1 is unpaid and ungraded: amount, status, then a dash for paid and a dash for grade.
        Assert.Contains("100,001.00已签约——", text);
    }
}
