using Marketplace.Domain;
using Marketplace.Persistence;

namespace Marketplace.Contracts;

public sealed class DistrictContractSettingsGrain(
    [PersistentState("contractSettings", StorageNames.Marketplace)] IPersistentState<DistrictContractSettingsState> state,
    TimeProvider clock) : Grain, IDistrictContractSettingsGrain
{
    private ContractSettingsView View => new(state.State.Settings ?? ContractSettings.Default, state.State.Version, state.State.UpdatedBy, state.State.UpdatedAt);

    public Task<ContractSettingsView> GetAsync() => Task.FromResult(View);

    public async Task<Outcome<ContractSettingsView>> UpdateAsync(int expectedVersion, ContractSettings settings, string user)
    {
        if (expectedVersion != state.State.Version)
        {
            return Outcome<ContractSettingsView>.Fail("", "设置已被他人修改，请刷新页面后重试");
        }
        var errors = settings.Validate();
        if (!errors.IsEmpty)
        {
            return Outcome<ContractSettingsView>.Fail(errors);
        }
        await state.CommitAsync(new DistrictContractSettingsState
        {
            Settings = settings, Version = state.State.Version + 1, UpdatedBy = user, UpdatedAt = clock.GetUtcNow(),
        });
        return Outcome<ContractSettingsView>.Ok(View);
    }
}
