using Marketplace.Domain;
using Marketplace.Web.Pages.Shared;
using Marketplace.Web.Infrastructure.Caching;

namespace Marketplace.Web.Features.Catalog;

public static class PublicCatalogApi
{
    /// <summary>A published transfer item as the public JSON shows it. Field names are a stable contract.</summary>
    public sealed record CatalogItemDto(
        Guid Id, long StreetId, string Street, long DistrictId, string District, string Title, string Content,
        string ServiceArea, string ServiceAreaName, IReadOnlyList<string> ProviderTypes, string Requirements,
        string Materials, string ReferenceBudget, DateTimeOffset? PublishedAt);

    public sealed record CatalogPageDto(IReadOnlyList<CatalogItemDto> Items, int Total, int Page, int PageSize, int PageCount);

    /// <summary>GET /api/public/catalog?street=&amp;area=&amp;q=&amp;page= — published items, no login.</summary>
    public static void MapPublicCatalogApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/public/catalog", async (CatalogSnapshot catalog, long? street, string? area, string? q, int? page, CancellationToken ct) =>
            {
                var result = await CatalogQueries.SearchPublishedAsync(catalog, street, area, q, page ?? 1, ct);
                return new CatalogPageDto(
                    [.. result.Items.Select(i => new CatalogItemDto(i.Id, i.StreetId, i.Street, i.DistrictId, i.District,
                        i.Title, i.Content, i.ServiceAreaCode, i.ServiceArea, [.. ProviderTypeText.Names(i.ProviderTypes)],
                        i.Requirements, i.Materials, MoneyFormat.Number(i.ReferenceBudget),
                        i.PublishedAt))],
                    result.Total, result.PageNumber, result.PageSize, result.PageCount);
            })
            .WithName("PublicCatalog")
            .WithSummary("已发布的转移事项（公开，无需登录）")
            .WithTags("public")
            .AllowAnonymous()
            .CachePublicRead(PublicReads.Catalog);
}
