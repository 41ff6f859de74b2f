using Marketplace.Domain;

namespace Marketplace.Reports.Models;

/// <summary>
/// How a street's annual budget stands against the two rules every report shows: the floor
/// (江宁: "确保每个街道每年不少于200万元") and the growth mechanism (not lower than last year).
/// </summary>
public readonly record struct BudgetStanding(Money Budget, Money Floor, Money? LastYearBudget)
{
    /// <summary>2,000,000.00 yuan a year: the pilots' minimum spend on purchased social services per street.</summary>
    public static readonly Money DefaultFloor = new(2_000_000m);

    public bool FloorMet => Budget >= Floor;

    /// <summary>How much is missing to reach the floor; zero when it is met.</summary>
    public Money Shortfall => FloorMet ? Money.Zero : Floor - Budget;

    /// <summary>True when there is no earlier year to compare with: a new street cannot fall behind itself.</summary>
    public bool GrowthMet => LastYearBudget is not { } last || Budget >= last;

    public Money? Growth => LastYearBudget is { } last ? Budget - last : null;

    public bool Flagged => !FloorMet || !GrowthMet;
}
