using System.Collections.Immutable;

namespace Marketplace.Budgets;

/// <summary>
/// Persisted state of one street's budget year: the latest budget entry and every posting group ever
/// written, in order. Balances, outstanding commitments and used idempotency keys are derived from the
/// groups (<see cref="LedgerBook"/>), so they can never disagree with them.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.StreetBudgetState")]
public sealed record StreetBudgetState
{
    [Id(0)] public AnnualBudget? Budget { get; init; }

    [Id(1)] public ImmutableList<PostingGroup> Groups { get; init; } = ImmutableList<PostingGroup>.Empty;
}
