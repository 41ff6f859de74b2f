using System.Collections.Immutable;

namespace Marketplace.Catalog;

/// <summary>Persisted state of one street's transfer-item catalog. Replaced whole on every change.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.StreetCatalogState")]
public sealed record StreetCatalogState
{
    [Id(0)] public ImmutableDictionary<Guid, TransferItem> Items { get; init; } = ImmutableDictionary<Guid, TransferItem>.Empty;
}
