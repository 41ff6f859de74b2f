using Marketplace.Budgets;
using Marketplace.Domain;

namespace Marketplace.Reports.Models;

/// <summary>One funding channel's share of a street's annual budget, e.g. 财政资金 or 福利彩票公益金.</summary>
public sealed record FundingLine(string Source, Money Budget);

/// <summary>
/// Purchases grouped by one key (a service area or a purchase method): <paramref name="Amount"/> is what
/// contracts hold or have paid (合同金额 = 已承诺 + 已支付), <see cref="Encumbered"/> what published notices hold.
/// </summary>
public sealed record BreakdownLine(string Name, int Count, Money Amount)
{
    public Money Encumbered { get; init; }
}

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
    string? Grade = null)
{
    /// <summary>预算占用: what the purchase's notice still holds before a contract is signed.</summary>
    public Money Encumbered { get; init; }
}

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
    public Money Floor { get; init; } = BudgetPolicy.DefaultFloor;

    /// <summary>未填报 / 待区确认 / 已确认, as the web pages say it.</summary>
    public string Status { get; init; } = "已确认";

    /// <summary>预算占用: held by published notices.</summary>
    public Money Encumbered { get; init; }

    /// <summary>预算下达: what the district confirmed; a budget awaiting confirmation has less (or nothing) allocated.</summary>
    public Money? Allocated { get; init; }

    public Money Budget => Money.Sum(Funding.Select(f => f.Budget));

    /// <summary>The ledger figures, so the report's 可用余额 is <see cref="BudgetFigures.Available"/> like everywhere else.</summary>
    public BudgetFigures Figures => new(Allocated ?? Budget, Encumbered, Committed, Disbursed);

    /// <summary>What the street can still buy with: allocated less encumbered, committed and disbursed.</summary>
    public Money Available => Figures.Available;

    public BudgetStanding Standing => new(Budget, Floor, LastYearBudget);

    /// <summary>网格服务: matters and satisfaction per 村(社区) in the year, then the street's total (empty: the street has no grids).</summary>
    public IReadOnlyList<GridFigureLine> Grid { get; init; } = [];
}

/// <summary>One row of the report's grid section: a 村(社区) or the street, with the figures defined once in <see cref="Marketplace.Grid.MatterFigures"/>.</summary>
public sealed record GridFigureLine(string Name, Marketplace.Grid.MatterFigures Figures);
