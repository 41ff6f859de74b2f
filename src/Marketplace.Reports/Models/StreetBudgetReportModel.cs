using Marketplace.Domain;

namespace Marketplace.Reports.Models;

/// <summary>One funding channel's share of a street's annual budget, e.g. 财政资金 or 福利彩票公益金.</summary>
public sealed record FundingLine(string Source, Money Budget);

/// <summary>Contracted purchases grouped by one key (a service area or a purchase method).</summary>
public sealed record BreakdownLine(string Name, int Count, Money Amount);

/// <summary>
/// One purchase in the street's list. <paramref name="Paid"/> and <paramref name="Grade"/> stay null until a
/// contract has payments and an evaluation; the report shows a dash rather than a misleading zero.
/// </summary>
public sealed record PurchaseLine(
    string Title,
    string Organization,
    string Method,
    Money Amount,
    string Status,
    Money? Paid = null,
    string? Grade = null);

/// <summary>
/// Everything the 街道购买服务年度预算执行报告 shows for one street and year. Plain values only, so the web app
/// can fill it from its database; <see cref="Floor"/> defaults to 2,000,000.00 yuan and can be set per district.
/// </summary>
public sealed record StreetBudgetReportModel(
    string District,
    string Street,
    int Year,
    string Unit,
    DateOnly GeneratedOn,
    IReadOnlyList<FundingLine> Funding,
    Money? LastYearBudget,
    Money Committed,
    Money Disbursed,
    IReadOnlyList<BreakdownLine> ByServiceArea,
    IReadOnlyList<BreakdownLine> ByMethod,
    IReadOnlyList<PurchaseLine> Purchases)
{
    public Money Floor { get; init; } = BudgetStanding.DefaultFloor;

    public Money Budget => Money.Sum(Funding.Select(f => f.Budget));

    /// <summary>Budget not yet committed to a contract: what the street can still buy with.</summary>
    public Money Available => Budget - Committed;

    public BudgetStanding Standing => new(Budget, Floor, LastYearBudget);
}
