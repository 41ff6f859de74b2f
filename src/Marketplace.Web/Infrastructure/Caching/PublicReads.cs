using Marketplace.Web.Data.Entities;

namespace Marketplace.Web.Infrastructure.Caching;

/// <summary>
/// One cached public read and the tables its answer is built from: a saved change evicts the read only
/// when it touched one of them (issue 15), so a rush writing submissions and grain state keeps the
/// listings cached. Keep <see cref="Tables"/> true to the read's query; a table left out costs at most the
/// one-second expiry of staleness (<see cref="PublicReadCache.Expiry"/>).
/// </summary>
public sealed class PublicRead(string tag, params Type[] tables)
{
    /// <summary>The output-cache tag and policy name of the read.</summary>
    public string Tag { get; } = tag;

    public IReadOnlyList<Type> Tables { get; } = tables;
}

public static class PublicReads
{
    /// <summary>Policy name of <see cref="Catalog"/>, a constant so an <c>[OutputCache]</c> attribute can name it.</summary>
    public const string CatalogPolicy = "public-read:catalog";

    /// <summary>GET /api/public/catalog: CatalogQueries.SearchPublishedAsync.</summary>
    public static readonly PublicRead Catalog = new(CatalogPolicy, typeof(TransferItemRow), typeof(Street), typeof(District), typeof(ServiceArea));

    /// <summary>GET /api/public/tenders[/{id}]: the Tenders read model and the award results.</summary>
    public static readonly PublicRead Tenders = new("public-read:tenders", typeof(TenderRow), typeof(TenderResultRow));

    /// <summary>GET /api/public/organizations: DirectoryQueries.SearchAsync and the published negative entries.</summary>
    public static readonly PublicRead Organizations = new("public-read:organizations",
        typeof(OrganizationRow), typeof(NegativeEntryRow), typeof(Street), typeof(District), typeof(ServiceArea));

    public static readonly IReadOnlyList<PublicRead> All = [Catalog, Tenders, Organizations];
}
