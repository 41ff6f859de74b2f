using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Reports.Models;

namespace Marketplace.Tests.Reports;

public sealed class AwardNoticeReportTests
{
    [Fact]
    public void Award_notice_shows_winner_price_every_applicant_panel_period_and_objection_route()
    {
        var model = SampleModels.Award();
        var text = PdfText.All(ReportRenderer.Render(new AwardNoticeReport(model)));

        Assert.Contains("东山街道社区居家养老服务项目成交结果公示", text);
        Assert.Contains("¥456,000.00", text);
        Assert.Contains("1南京市江宁区乐家社会工作服务中心456,000.0091.35成交", text);
        Assert.Contains("2南京市江宁区同心社会工作服务社470,000.0086.20", text);
        Assert.Contains("3南京市江宁区阳光助老服务中心449,000.0079.05", text);
        Assert.Contains("王建国、李秀英、张伟", text);
        Assert.Contains("公示期自 2026年11月23日 起至 2026年11月27日 止（共 5 日）", text);
        Assert.Contains("质疑", text);
        Assert.Contains("025-52100000", text);
    }

    [Fact]
    public void Open_tender_notice_says_bid_rather_than_deal()
    {
        var model = SampleModels.Award() with { Kind = AwardKind.Bid, Method = "公开招标" };
        var text = PdfText.All(ReportRenderer.Render(new AwardNoticeReport(model)));

        Assert.Contains("中标结果公示", text);
        Assert.DoesNotContain("成交", text);
    }
}
