using Marketplace.Domain;

namespace Marketplace.Grid;

/// <summary>A district's working-day limits for matters per tier (per district configurable). Key: district id.</summary>
[Alias("marketplace.IDistrictGridSettingsGrain")]
public interface IDistrictGridSettingsGrain : IGrainWithIntegerKey
{
    [Alias("Get")] Task<MatterTierLimits> GetAsync();

    [Alias("Set")] Task<Outcome> SetAsync(MatterTierLimits limits, string user);
}

[GenerateSerializer, Alias("marketplace.DistrictGridSettingsState")]
public sealed record DistrictGridSettingsState
{
    [Id(0)] public MatterTierLimits? Limits { get; init; }
    [Id(1)] public string? UpdatedBy { get; init; }
    [Id(2)] public DateTimeOffset? UpdatedAt { get; init; }
}

public sealed class DistrictGridSettingsGrain(
    [PersistentState("districtGridSettings", Persistence.StorageNames.Marketplace)] IPersistentState<DistrictGridSettingsState> state,
    TimeProvider clock) : Grain, IDistrictGridSettingsGrain
{
    public Task<MatterTierLimits> GetAsync() => Task.FromResult(state.State.Limits ?? MatterTierLimits.Default);

    public async Task<Outcome> SetAsync(MatterTierLimits limits, string user)
    {
        var errors = limits.Validate().ToList();
        if (errors.Count > 0)
        {
            return Outcome.Fail(errors);
        }
        await Persistence.PersistentStateExtensions.CommitAsync(state, new DistrictGridSettingsState { Limits = limits, UpdatedBy = user, UpdatedAt = clock.GetUtcNow() });
        return Outcome.Ok;
    }
}
