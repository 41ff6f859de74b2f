namespace Marketplace.Catalog;

/// <summary>
/// One item of a catalog import (导入): its fields, and whether it is published at once, as if its street
/// official had created it and then pressed 发布.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.TransferItemImport")]
public sealed record TransferItemImport([property: Id(0)] TransferItemDraft Draft, [property: Id(1)] bool Publish);
