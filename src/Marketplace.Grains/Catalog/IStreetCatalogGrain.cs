using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Catalog;

/// <summary>
/// One street's transfer-item catalog (转移事项目录). Key: the street id (integer). The only writer of
/// the street's items, so concurrent edits are applied one at a time; every edit names the version
/// it was made from, and an edit made from an older version is refused instead of overwriting.
/// </summary>
[Alias("marketplace.IStreetCatalogGrain")]
public interface IStreetCatalogGrain : IGrainWithIntegerKey
{
    [Alias("GetItems")] Task<ImmutableArray<TransferItem>> GetItemsAsync();

    [Alias("GetItem")] Task<TransferItem?> GetItemAsync(Guid itemId);

    [Alias("Create")] Task<Outcome<TransferItem>> CreateAsync(TransferItemDraft draft, string user);

    [Alias("Update")] Task<Outcome<TransferItem>> UpdateAsync(Guid itemId, int expectedVersion, TransferItemDraft draft, string user);

    [Alias("Publish")] Task<Outcome<TransferItem>> PublishAsync(Guid itemId, int expectedVersion, string user);

    /// <summary>
    /// Creates the items, and publishes those marked so, in one state write: each item ends as
    /// <see cref="CreateAsync"/> then <see cref="PublishAsync"/> would leave it. All or nothing: one
    /// invalid item refuses the import, its errors' fields prefixed "[index].".
    /// </summary>
    [Alias("Import")] Task<Outcome<ImmutableArray<TransferItem>>> ImportAsync(ImmutableArray<TransferItemImport> items, string user);

    [Alias("Withdraw")] Task<Outcome<TransferItem>> WithdrawAsync(Guid itemId, int expectedVersion, string user);
}
