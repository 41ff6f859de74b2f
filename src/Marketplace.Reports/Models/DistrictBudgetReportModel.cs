using Marketplace.Budgets;
using Marketplace.Domain;

namespace Marketplace.Reports.Models;

/// <summary>One street's row in the district report.</summary>
public sealed record StreetBudgetSummary(
    string Street,
    Money Budget,
    Money? LastYearBudget,
    Money Committed,
    Money Disbursed)
{
    /// <summary>未填报 / 待区确认 / 已确认, as the web pages say it.</summary>
    public string Status { get; init; } = "已确认";

    public Money Encumbered { get; init; }

    /// <summary>预算下达; when not given, the budget is taken as allocated (a confirmed budget).</summary>
    public Money? Allocated { get; init; }

    public BudgetFigures Figures => new(Allocated ?? Budget, Encumbered, Committed, Disbursed);
}

/// <summary>Every street of one district for one year; the report drops none of them.</summary>
public sealed record DistrictBudgetReportModel(
    string District,
    int Year,
    string Unit,
    DateOnly GeneratedOn,
    IReadOnlyList<StreetBudgetSummary> Streets)
{
    public Money Floor { get; init; } = BudgetPolicy.DefaultFloor;

    public BudgetStanding StandingOf(StreetBudgetSummary street) => new(street.Budget, Floor, street.LastYearBudget);

    /// <summary>
    /// Streets below the floor first, smallest budget first (they need attention), then every other street
    /// in the order given. No street is ever dropped. Every district listing (PDF, Excel) uses this order.
    /// </summary>
    public IReadOnlyList<StreetBudgetSummary> BelowFloorFirst()
    {
        var below = Streets.Where(s => !StandingOf(s).MeetsFloor).OrderBy(s => s.Budget);
        return below.Concat(Streets.Where(s => StandingOf(s).MeetsFloor)).ToList();
    }
}

/// <summary>All districts in one document, one section each (the scheduled "all districts" report).</summary>
public sealed record AllDistrictsBudgetReportModel(
    int Year,
    string Unit,
    DateOnly GeneratedOn,
    IReadOnlyList<DistrictBudgetReportModel> Districts);
