using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Catalog;

/// <summary>Where a transfer item stands in its street's catalog.</summary>
public enum TransferItemStatus
{
    Draft = 0,      // 草稿
    Published = 1,  // 已发布
    Withdrawn = 2,  // 已撤回
}

/// <summary>
/// The fields a street official fills in for one transfer item (转移事项): 温江's "服务事项、具体内容、
/// 承接主体、服务要求、相关材料", plus the service area, a reference budget and the item's nature for the
/// 102号令 negative-list check.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.TransferItemDraft")]
public sealed record TransferItemDraft(
    [property: Id(0)] string Title,                 // 服务事项
    [property: Id(1)] string Content,               // 具体内容
    [property: Id(2)] ImmutableArray<ProviderType> ProviderTypes, // 承接主体
    [property: Id(3)] string Requirements,          // 服务要求
    [property: Id(4)] string Materials,             // 相关材料
    [property: Id(5)] string ServiceAreaCode,
    [property: Id(6)] Money ReferenceBudget,        // 参考预算
    [property: Id(7)] PurchaseNature Nature,
    [property: Id(8)] string? GuidingEntryCode);    // 政府购买服务指导性目录 entry it falls under

/// <summary>One item of a street's transfer-item catalog, as the catalog grain keeps it.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.TransferItem")]
public sealed record TransferItem(
    [property: Id(0)] Guid Id,
    [property: Id(1)] long StreetId,
    [property: Id(2)] TransferItemDraft Fields,
    [property: Id(3)] TransferItemStatus Status,
    [property: Id(4)] int Version,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] DateTimeOffset? PublishedAt,
    [property: Id(8)] string UpdatedBy);
