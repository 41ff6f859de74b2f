using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Marketplace.Budgets;
using Marketplace.Domain;

namespace Marketplace.Tendering;

/// <summary>How a street buys a service by competition (SPEC §3.3).</summary>
public enum PurchaseMethod
{
    ContractOutsourcing = 1, // 合同外包
    ProjectEntrustment = 2,  // 项目委托
}

/// <summary>Where a purchase stands. Failed and Cancelled are final and carry a reason.</summary>
public enum TenderStatus
{
    Draft = 0,            // 草稿
    Published = 1,        // 已发布（报名中）
    Closed = 2,           // 已截止
    UnderReview = 3,      // 评审中
    Publicity = 4,        // 中标公示（已确定中标）
    ReadyForContract = 5, // 待签约
    Failed = 6,           // 采购失败（流标）
    Cancelled = 7,        // 已取消
}

/// <summary>
/// A scoring criterion (评审因素) of 综合评分法, as the notice publishes it: its points (分值) and, optionally,
/// what earns them (评分标准说明). Exactly one criterion of a notice is the price criterion. A notice stored
/// before descriptions existed reads with none (the JSON document simply lacks the field).
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.ScoringCriterion")]
public sealed record ScoringCriterion(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] decimal Weight,
    [property: Id(3)] bool IsPrice,
    [property: Id(4)] string? Description = null);

/// <summary>One funding source's share of the ceiling (财政资金, 福彩公益金, 街道专项基金, 社会力量).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.FundingShare")]
public sealed record FundingShare(
    [property: Id(0), JsonConverter(typeof(FundingSourceJsonConverter))] FundingSource Source,
    [property: Id(1)] Money Amount);

/// <summary>What an applicant organization must be to apply (checked by the organization's grain, <c>OrganizationRules.ApplicantEligibility</c>).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.EligibilityRequirements")]
public sealed record EligibilityRequirements(
    [property: Id(0)] ImmutableArray<ProviderType> ProviderTypes,
    [property: Id(1)] int MinimumCertifiedSocialWorkers,
    [property: Id(2)] bool DirectoryMembershipRequired);

/// <summary>The fields of a purchase notice (采购公告) a street official fills in.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.TenderNotice")]
public sealed record TenderNotice(
    [property: Id(0)] Guid TransferItemId,
    [property: Id(1)] string Title,
    [property: Id(2)] PurchaseMethod Method,
    [property: Id(3)] Money Ceiling,                                // 最高限价
    [property: Id(4)] ImmutableArray<FundingShare> Funding,
    [property: Id(5)] DateOnly ServiceStart,
    [property: Id(6)] DateOnly ServiceEnd,
    [property: Id(7)] string Requirements,
    [property: Id(8)] ImmutableArray<string> RequiredDocuments,
    [property: Id(9)] EligibilityRequirements Eligibility,
    [property: Id(10)] ImmutableArray<ScoringCriterion> Criteria,
    [property: Id(11)] DateTimeOffset OpensAt,
    [property: Id(12)] DateTimeOffset Deadline,
    [property: Id(13)] int MinimumValidApplications,
    [property: Id(14)] string ExpertField)                          // field the panel is drawn from
{
    /// <summary>The street's budget year (预算年度) the notice holds money in: the year its service starts.</summary>
    public int BudgetYear => ServiceStart.Year;
}

/// <summary>
/// The criteria a new notice's form starts from (服务方案 / 服务团队 / 服务经验 / 价格), and the codes every
/// notice stored before notices had their own lists uses. The official renames, adds and removes from
/// here; <see cref="ScoringCriteria.Validate"/> checks the result.
/// </summary>
public static class StandardCriteria
{
    public const string Plan = "plan";
    public const string Team = "team";
    public const string Experience = "exp";
    public const string Price = "price";

    public static ImmutableArray<ScoringCriterion> With(decimal plan, decimal team, decimal experience, decimal price) =>
    [
        new(Plan, "服务方案", plan, false), new(Team, "服务团队", team, false),
        new(Experience, "服务经验", experience, false), new(Price, "价格", price, true),
    ];
}
