using System.Collections.Immutable;

namespace Marketplace.Grid;

[GenerateSerializer, Alias("marketplace.StreetMattersState")]
public sealed record StreetMattersState
{
    [Id(0)] public ImmutableArray<Matter> Matters { get; init; } = [];
    [Id(1)] public int Version { get; init; }
    /// <summary>The street's own threshold for the needs list; null: <see cref="NeedThreshold.Default"/>.</summary>
    [Id(2)] public NeedThreshold? NeedThreshold { get; init; }
    [Id(3)] public ImmutableArray<NeedReview> NeedReviews { get; init; } = [];
}
