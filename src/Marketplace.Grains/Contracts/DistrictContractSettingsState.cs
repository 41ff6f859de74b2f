namespace Marketplace.Contracts;

/// <summary>Persisted settings of one district; null settings mean the product defaults.</summary>
[GenerateSerializer, Alias("marketplace.DistrictContractSettingsState")]
public sealed record DistrictContractSettingsState
{
    [Id(0)] public ContractSettings? Settings { get; init; }
    [Id(1)] public int Version { get; init; }
    [Id(2)] public string? UpdatedBy { get; init; }
    [Id(3)] public DateTimeOffset? UpdatedAt { get; init; }
}
