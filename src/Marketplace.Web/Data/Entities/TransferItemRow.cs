using Marketplace.Catalog;
using Marketplace.Domain;

namespace Marketplace.Web.Data.Entities;

/// <summary>
/// Read model of a transfer item, written by the grain storage in the same transaction as the
/// street catalog grain's state (docs/decisions/0002). Pages and the public API query this; only the
/// grain changes it.
/// </summary>
public sealed class TransferItemRow
{
    public Guid Id { get; set; }
    public long StreetId { get; set; }
    public long DistrictId { get; set; }
    public required string Title { get; set; }
    public required string Content { get; set; }
    public required string ProviderTypes { get; set; }   // comma-separated ProviderType names
    public required string Requirements { get; set; }
    public required string Materials { get; set; }
    public required string ServiceAreaCode { get; set; }
    public Money ReferenceBudget { get; set; }
    public PurchaseNature Nature { get; set; }
    public string? GuidingEntryCode { get; set; }
    public TransferItemStatus Status { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
