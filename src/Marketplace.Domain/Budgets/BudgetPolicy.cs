using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Budgets;

/// <summary>What a district allows of one funding source.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.FundingSourceRule")]
public sealed record FundingSourceRule(
    [property: Id(0)] FundingSource Source,
    [property: Id(1)] bool Enabled,
    [property: Id(2)] bool PublicWelfareOnly); // 公益项目专用，e.g. 福利彩票公益金 ("取之于民、用之于民")

/// <summary>
/// A district's budget rules: the annual floor per street and the restrictions on each funding source.
/// Defaults follow 江宁 ("确保每个街道每年不少于200万元") and the welfare-lottery fund's purpose (公益).
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.BudgetPolicy")]
public sealed record BudgetPolicy(
    [property: Id(0)] Money Floor,
    [property: Id(1)] ImmutableArray<FundingSourceRule> Sources)
{
    public static readonly Money DefaultFloor = Money.FromYuan(2_000_000m);

    public static BudgetPolicy Default { get; } = new(DefaultFloor,
    [
        new(FundingSource.Fiscal, true, false),
        new(FundingSource.WelfareLottery, true, true),
        new(FundingSource.StreetNgoFund, true, false),
        new(FundingSource.SocialCapital, true, false),
    ]);

    public FundingSourceRule RuleFor(FundingSource source) =>
        Sources.FirstOrDefault(r => r.Source == source) ?? Default.Sources.First(r => r.Source == source);
}
