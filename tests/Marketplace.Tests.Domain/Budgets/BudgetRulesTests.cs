using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;

namespace Marketplace.Tests.Domain.Budgets;

public sealed class BudgetRulesTests
{
    private static Money Y(decimal yuan) => Money.FromYuan(yuan);

    [Fact]
    public void Split_that_does_not_add_up_to_the_total_is_refused_on_the_split()
    {
        var errors = BudgetRules.ValidateSplit(Y(100m),
            [new(FundingSource.Fiscal, Y(60m)), new(FundingSource.WelfareLottery, Y(39.99m))], totalMustBePositive: true);
        var error = Assert.Single(errors);
        Assert.Equal(BudgetRules.SplitField, error.Field);
        Assert.Contains("不一致", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_share_is_refused_on_its_source_field()
    {
        var errors = BudgetRules.ValidateSplit(Y(100m),
            [new(FundingSource.Fiscal, Y(110m)), new(FundingSource.SocialCapital, Y(-10m))], totalMustBePositive: true);
        var error = Assert.Single(errors);
        Assert.Equal(nameof(FundingSource.SocialCapital), error.Field);
        Assert.Contains("不能为负数", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_or_too_large_total_is_refused_on_the_total()
    {
        Assert.Contains(BudgetRules.ValidateSplit(Money.Zero, [], true), e => e.Field == BudgetRules.TotalField);
        var huge = Y(Money.MaxAmount) + Y(0.01m);
        Assert.Contains(BudgetRules.ValidateSplit(huge, [new(FundingSource.Fiscal, huge)], true),
            e => e.Field == BudgetRules.TotalField && e.Message.Contains("超出允许范围", StringComparison.Ordinal));
    }

    [Fact]
    public void Lottery_fund_may_pay_only_for_public_welfare_projects_by_default()
    {
        ImmutableArray<SourceAmount> split = [new(FundingSource.WelfareLottery, Y(50m))];
        var refused = Assert.Single(BudgetRules.ValidateSources(BudgetPolicy.Default, split, publicWelfare: false));
        Assert.Equal(nameof(FundingSource.WelfareLottery), refused.Field);
        Assert.Empty(BudgetRules.ValidateSources(BudgetPolicy.Default, split, publicWelfare: true));
    }

    [Fact]
    public void District_can_lift_the_lottery_restriction_or_disable_a_source()
    {
        var policy = BudgetPolicy.Default with
        {
            Sources =
            [
                new(FundingSource.Fiscal, true, false), new(FundingSource.WelfareLottery, true, false),
                new(FundingSource.StreetNgoFund, false, false), new(FundingSource.SocialCapital, true, false),
            ],
        };
        Assert.Empty(BudgetRules.ValidateSources(policy, [new(FundingSource.WelfareLottery, Y(50m))], publicWelfare: false));
        var disabled = Assert.Single(BudgetRules.ValidateSources(policy, [new(FundingSource.StreetNgoFund, Y(1m))], publicWelfare: true));
        Assert.Contains("未启用", disabled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_key_is_street_colon_year()
    {
        Assert.Equal("17:2026", StreetBudgetKey.For(17, 2026));
        Assert.True(StreetBudgetKey.TryParse("17:2026", out var street, out var year));
        Assert.Equal((17L, 2026), (street, year));
        Assert.False(StreetBudgetKey.TryParse("17-2026", out _, out _));
        Assert.False(StreetBudgetKey.TryParse("-1:2026", out _, out _));
        Assert.False(StreetBudgetKey.TryParse("17:1999", out _, out _));
    }
}
