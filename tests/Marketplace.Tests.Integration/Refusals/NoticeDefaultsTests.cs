using Marketplace.Web.Pages.Street.Tenders;

namespace Marketplace.Tests.Integration.Refusals;

public sealed class NoticeDefaultsTests
{
    [Theory]
    [InlineData("2026-12-22", "2026-12-23")] // December: the rest of this year, never next year's unfiled budget
    [InlineData("2026-03-10", "2026-03-11")]
    [InlineData("2026-12-30", "2026-12-30")] // no day left after the deadline: held at 12-30 so the period is valid
    [InlineData("2026-12-31", "2026-12-30")]
    public void Default_service_period_stays_within_the_deadlines_budget_year(string deadline, string start)
    {
        var (s, e) = TenderInput.DefaultServicePeriod(DateOnly.Parse(deadline));

        Assert.Equal((DateOnly.Parse(start), new DateOnly(2026, 12, 31)), (s, e));
    }

    [Fact]
    public void Panel_record_lists_deactivated_experts_apart_from_recusals()
    {
        var text = PanelSkips.Text(["钱明：已停用", "甲：任职于申请单位"]);

        Assert.Equal("；回避：甲：任职于申请单位；已停用（未参加抽取）：钱明", text);
        Assert.Equal("", PanelSkips.Text([]));
    }
}
