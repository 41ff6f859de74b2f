using Marketplace.Domain;
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
        Assert.Contains("公示期自 2026年11月23日 起至 2026年11月27日 24时止（共 5 日）", text);
        Assert.Contains("质疑", text);
        Assert.Contains("025-52100000", text);
    }

    [Fact]
    public void A_five_working_day_period_over_the_national_holiday_says_five_working_days_and_its_real_end()
    {
        // Announced on Wednesday 2026-09-30: 10-01…07 are off, Saturday 10-10 is a make-up working day, so the
        // five days are 10-08, 10-09, 10-10, 10-12 and 10-13 (14 calendar days, not "共 6 日").
        var period = ChineseWorkCalendar.Official.Period(new DateTimeOffset(2026, 9, 30, 10, 0, 0, TimeSpan.FromHours(8)), 5);
        var model = SampleModels.Award() with { NoticeStart = period.Announced.AddDays(1), NoticeEnd = period.LastDay };
        var text = PdfText.All(ReportRenderer.Render(new AwardNoticeReport(model with { WorkingDays = period.WorkingDays })));

        Assert.Contains("公示期自 2026年10月1日 起至 2026年10月13日 24时止（共 5 个工作日，法定节假日及休息日不计）", text);
        Assert.DoesNotContain("共 13 日", text);
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
