using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Tendering;

namespace Marketplace.Tests.Grains.Tendering;

public sealed class TenderRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    internal static TenderNotice Notice(DateTimeOffset now, decimal ceiling = 300_000m) => new(
        Guid.NewGuid(), "东山街道居家养老上门服务", PurchaseMethod.ContractOutsourcing, Money.FromYuan(ceiling),
        [new FundingShare(FundingSource.Fiscal, Money.FromYuan(ceiling - 100_000m)), new FundingShare(FundingSource.StreetNgoFund, Money.FromYuan(100_000m))],
        new DateOnly(2026, 4, 1), new DateOnly(2027, 3, 31), "为辖区高龄独居老人提供每周一次上门探访", ["服务方案", "持证社工名单"],
        new EligibilityRequirements([ProviderType.SocialWorkAgency], 2, true),
        [new("plan", "服务方案", 40m, false), new("team", "服务团队", 20m, false), new("exp", "服务经验", 10m, false), new("price", "价格", 30m, true)],
        now, now.AddDays(10), TenderRules.DefaultMinimumValidApplications, "养老服务");

    [Fact]
    public void A_complete_notice_is_valid() => Assert.Empty(TenderRules.Validate(Notice(Now), Now));

    [Fact]
    public void Weights_not_summing_to_one_hundred_are_refused()
    {
        var n = Notice(Now) with { Criteria = [new("plan", "服务方案", 60m, false), new("price", "价格", 30m, true)] };
        var e = Assert.Single(TenderRules.Validate(n, Now));
        Assert.Equal("各评分因素分值合计必须为100分，现为90分", e.Message);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(31)]
    public void A_price_weight_outside_ten_to_thirty_is_refused(int weight)
    {
        var n = Notice(Now) with { Criteria = [new("plan", "服务方案", 100m - weight, false), new("price", "价格", weight, true)] };
        Assert.Contains(TenderRules.Validate(n, Now), e => e.Message.StartsWith("价格分权重应在10至30分之间", StringComparison.Ordinal));
    }

    [Fact]
    public void A_notice_without_a_price_criterion_is_refused()
    {
        var n = Notice(Now) with { Criteria = [new("plan", "服务方案", 100m, false)] };
        Assert.Contains(TenderRules.Validate(n, Now), e => e.Message == "必须有且只有一项价格分");
    }

    [Fact]
    public void A_deadline_in_the_past_is_refused()
    {
        var n = Notice(Now.AddDays(-20));
        Assert.Contains(TenderRules.Validate(n, Now), e => e.Field == "Deadline" && e.Message == "报名截止时间不能早于当前时间");
    }

    [Fact]
    public void A_funding_split_not_adding_up_to_the_ceiling_is_refused()
    {
        var n = Notice(Now) with { Funding = [new FundingShare(FundingSource.Fiscal, Money.FromYuan(100_000m))] };
        Assert.Contains(TenderRules.Validate(n, Now), e => e.Field == "Funding");
    }

    [Fact]
    public void A_change_within_three_days_of_the_deadline_moves_it_so_three_days_remain()
    {
        var deadline = Now.AddDays(1);
        Assert.Equal(Now.AddDays(3), TenderRules.DeadlineAfterChange(deadline, Now));
        Assert.Equal(Now.AddDays(5), TenderRules.DeadlineAfterChange(Now.AddDays(5), Now));
    }

    [Theory]
    [InlineData(999_999.99, 3, 3, true)]
    [InlineData(1_000_000, 3, 9, false)] // large purchase: at least five
    [InlineData(1_000_000, 5, 9, true)]
    [InlineData(100_000, 4, 9, false)]   // even
    [InlineData(100_000, 5, 4, false)]   // larger than the pool
    public void Panel_size_is_odd_at_least_three_or_five_and_within_the_pool(decimal ceiling, int size, int pool, bool ok) =>
        Assert.Equal(ok, TenderRules.ValidatePanelSize(size, Money.FromYuan(ceiling), pool).IsEmpty);

    [Fact]
    public void Lifecycle_moves_only_forward_along_the_allowed_paths()
    {
        Assert.True(TenderRules.CanMove(TenderStatus.Draft, TenderStatus.Published));
        Assert.True(TenderRules.CanMove(TenderStatus.Publicity, TenderStatus.ReadyForContract));
        Assert.False(TenderRules.CanMove(TenderStatus.Draft, TenderStatus.Closed));
        Assert.False(TenderRules.CanMove(TenderStatus.Publicity, TenderStatus.Cancelled));
        Assert.False(TenderRules.CanMove(TenderStatus.Failed, TenderStatus.Published));
    }
}
