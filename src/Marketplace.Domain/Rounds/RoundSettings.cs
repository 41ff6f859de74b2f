using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Tendering;

namespace Marketplace.Rounds;

/// <summary>A street's share of a district round's pool (区级创投，各街道分担).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.RoundStreetShare")]
public sealed record RoundStreetShare([property: Id(0)] long StreetId, [property: Id(1)] Money Amount);

/// <summary>The optional roadshow (路演): when and where the applicants present to the panel.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.Roadshow")]
public sealed record Roadshow([property: Id(0)] DateTimeOffset At, [property: Id(1)] string Place);

/// <summary>
/// What the organizer sets for a 公益创投 round. A street round has <see cref="StreetId"/> and no shares; a
/// district round has no street and the streets' shares of the pool, which sum to the pool.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.RoundSettings")]
public sealed record RoundSettings(
    [property: Id(0)] string Title,
    [property: Id(1)] string Theme,
    [property: Id(2)] ImmutableArray<string> Categories,       // 为老服务, 助残服务, 青少年成长 …
    [property: Id(3)] Money Pool,
    [property: Id(4)] FundingSource Source,                    // typically 福利彩票公益金
    [property: Id(5)] Money Cap,                               // per project
    [property: Id(6)] decimal MinScore,                        // default 60
    [property: Id(7)] int PerOrganizationLimit,                // default 2
    [property: Id(8)] DateTimeOffset OpensAt,
    [property: Id(9)] DateTimeOffset Deadline,
    [property: Id(10)] ImmutableArray<ScoringCriterion> Criteria, // no price criterion: a grant, not a price competition
    [property: Id(11)] Roadshow? Roadshow,
    [property: Id(12)] decimal MatchingPercent,                // 配套资金 the applicant brings (社会力量), 0 = none required
    [property: Id(13)] string ServiceAreaCode,                 // the ledger's service area for the pool
    [property: Id(14)] ImmutableArray<RoundStreetShare> Shares,
    [property: Id(15)] int ServiceYear)
{
    public const decimal DefaultMinScore = 60m;

    /// <summary>Calendar days after 立项公示 ends within which a funded project's contract must be signed (0 = the default).</summary>
    [Id(16)] public int SigningDays { get; init; }

    /// <summary>Issue 13: a funded project's money is held for its contract 30 days unless the round says otherwise (ADR 0014).</summary>
    public const int DefaultSigningDays = 30;

    public const int MaxSigningDays = 180;

    public int SigningDaysOrDefault => SigningDays > 0 ? SigningDays : DefaultSigningDays;
    public const int DefaultPerOrganizationLimit = 2;

    /// <summary>The criteria the seeds name for 公益创投 (吴兴, 温江), weights summing to 100.</summary>
    public static ImmutableArray<ScoringCriterion> DefaultCriteria { get; } =
    [
        new("need", "需求评估", 15m, false),
        new("design", "项目设计", 25m, false),
        new("team", "团队能力", 15m, false),
        new("budget", "预算合理性", 15m, false),
        new("sustain", "可持续性", 10m, false),
        new("impact", "社会效益", 20m, false),
    ];

    public static ImmutableArray<string> DefaultCategories { get; } = ["为老服务", "助残服务", "青少年成长", "社区治理", "困难帮扶"];
}

/// <summary>One line of a proposal's budget table (预算明细).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.BudgetLine")]
public sealed record BudgetLine([property: Id(0)] string Category, [property: Id(1)] string Item, [property: Id(2)] Money Amount);

/// <summary>A project proposal (项目申报书) of one organization to a round.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.RoundProposal")]
public sealed record RoundProposal(
    [property: Id(0)] string Title,
    [property: Id(1)] string Category,
    [property: Id(2)] Money Request,
    [property: Id(3)] ImmutableArray<BudgetLine> BudgetLines,
    [property: Id(4)] string TargetBeneficiaries,
    [property: Id(5)] int Beneficiaries,
    [property: Id(6)] string Outcomes,                // 预期成效与指标
    [property: Id(7)] string Team,
    [property: Id(8)] int CertifiedSocialWorkers,     // 持证社工
    [property: Id(9)] Money MatchingFunds,            // 社会力量配套
    [property: Id(10)] long StreetId);                // the street served (its share pays in a district round)
