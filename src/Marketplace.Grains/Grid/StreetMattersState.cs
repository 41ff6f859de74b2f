using System.Collections.Immutable;

namespace Marketplace.Grid;

[GenerateSerializer, Alias("marketplace.StreetMattersState")]
public sealed record StreetMattersState
{
    [Id(0)] public ImmutableArray<Matter> Matters { get; init; } = [];
    [Id(1)] public int Version { get; init; }
}
