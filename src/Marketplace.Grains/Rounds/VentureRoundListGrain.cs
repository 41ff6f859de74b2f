using System.Collections.Immutable;
using Marketplace.Persistence;

namespace Marketplace.Rounds;

[GenerateSerializer, Alias("marketplace.VentureRoundListState")]
public sealed record VentureRoundListState
{
    [Id(0)] public ImmutableDictionary<Guid, RoundSummary> Rounds { get; init; } = ImmutableDictionary<Guid, RoundSummary>.Empty;
}

/// <summary>A district's rounds, for the lists of the organizer, the organizations and the public.</summary>
public sealed class VentureRoundListGrain(
    [PersistentState("roundList", StorageNames.Marketplace)] IPersistentState<VentureRoundListState> state) : Grain, IVentureRoundListGrain
{
    public Task<ImmutableArray<RoundSummary>> ListAsync() =>
        Task.FromResult(state.State.Rounds.Values.OrderByDescending(r => r.Deadline).ToImmutableArray());

    public Task UpsertAsync(RoundSummary summary) =>
        state.State.Rounds.GetValueOrDefault(summary.Id) == summary
            ? Task.CompletedTask
            : state.CommitAsync(state.State with { Rounds = state.State.Rounds.SetItem(summary.Id, summary) });
}
