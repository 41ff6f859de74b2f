using System.Collections.Immutable;

namespace Marketplace.Grid;

[GenerateSerializer, Alias("marketplace.StreetGridState")]
public sealed record StreetGridState
{
    [Id(0)] public ImmutableArray<GridUnit> Grids { get; init; } = [];
    [Id(1)] public int Version { get; init; }
    [Id(2)] public int LastNo { get; init; }
    [Id(3)] public string? UpdatedBy { get; init; }
    [Id(4)] public DateTimeOffset? UpdatedAt { get; init; }
}
