using Marketplace.Domain;

namespace Marketplace.Contracts;

[GenerateSerializer, Immutable, Alias("marketplace.ContractSettingsView")]
public sealed record ContractSettingsView(
    [property: Id(0)] ContractSettings Settings, [property: Id(1)] int Version, [property: Id(2)] string? UpdatedBy, [property: Id(3)] DateTimeOffset? UpdatedAt);

/// <summary>A district's contract settings (key: district id); the product's defaults until the district admin saves its own.</summary>
[Alias("marketplace.IDistrictContractSettingsGrain")]
public interface IDistrictContractSettingsGrain : IGrainWithIntegerKey
{
    [Alias("Get")] Task<ContractSettingsView> GetAsync();

    [Alias("Update")] Task<Outcome<ContractSettingsView>> UpdateAsync(int expectedVersion, ContractSettings settings, string user);
}
