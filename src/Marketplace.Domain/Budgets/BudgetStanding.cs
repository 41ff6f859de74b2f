using Marketplace.Domain;

namespace Marketplace.Budgets;

/// <summary>
/// How a street's annual budget stands against the floor (江宁: "确保每个街道每年不少于200万元") and the growth
/// mechanism (not lower than the previous year). Falling short is allowed to be saved, never hidden: every
/// page, export and the public API show it with the shortfall.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.BudgetStanding")]
public readonly record struct BudgetStanding(
    [property: Id(0)] Money Total,
    [property: Id(1)] Money Floor,
    [property: Id(2)] Money? PreviousYearTotal)
{
    public bool MeetsFloor => Total >= Floor;

    /// <summary>Missing to reach the floor; zero when met.</summary>
    public Money FloorShortfall => MeetsFloor ? Money.Zero : Floor - Total;

    /// <summary>A street with no budget last year cannot fall behind it.</summary>
    public bool MeetsGrowth => PreviousYearTotal is not { } previous || Total >= previous;

    /// <summary>Missing to reach last year's total; zero when met.</summary>
    public Money GrowthShortfall => MeetsGrowth ? Money.Zero : PreviousYearTotal!.Value - Total;

    public bool Flagged => !MeetsFloor || !MeetsGrowth;
}
