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
    // Policy names as constants, so an [OutputCache] attribute on a public page can name them.
    public const string CatalogPolicy = "public-read:catalog";
    public const string TendersPolicy = "public-read:tenders";
    public const string OrganizationsPolicy = "public-read:organizations";

    /// <summary>GET /api/public/catalog and the /Catalog page: CatalogQueries.SearchPublishedAsync and the street and area filter lists.</summary>
    public static readonly PublicRead Catalog = new(CatalogPolicy, typeof(TransferItemRow), typeof(Street), typeof(District), typeof(ServiceArea));

    /// <summary>
    /// GET /api/public/tenders[/{id}]: the Tenders read model and the award results; the /Tenders page also
    /// reads the items' service areas and the street filter list (PublicTenderQueries).
    /// </summary>
    public static readonly PublicRead Tenders = new(TendersPolicy, typeof(TenderRow), typeof(TenderResultRow),
        typeof(TransferItemRow), typeof(Street), typeof(District), typeof(ServiceArea));

    /// <summary>GET /api/public/organizations and the /Organizations page: DirectoryQueries.SearchAsync and the published negative entries.</summary>
    public static readonly PublicRead Organizations = new(OrganizationsPolicy,
        typeof(OrganizationRow), typeof(NegativeEntryRow), typeof(Street), typeof(District), typeof(ServiceArea));

    public static readonly IReadOnlyList<PublicRead> All = [Catalog, Tenders, Organizations];
}
