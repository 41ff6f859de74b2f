using Marketplace.Catalog;
using Marketplace.Domain;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Catalog;

/// <summary>The search over published transfer items shared by the public page and the public JSON.</summary>
public static class CatalogQueries
{
    public const int PageSize = 20;

    public sealed record PublicItem(
        Guid Id, long StreetId, string Street, long DistrictId, string District, string Title, string Content,
        string ServiceAreaCode, string ServiceArea, string ProviderTypes, string Requirements, string Materials,
        Money ReferenceBudget, DateTimeOffset? PublishedAt);

    public sealed record Page(IReadOnlyList<PublicItem> Items, int Total, int PageNumber, int PageSize)
    {
        public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    /// <summary>
    /// One page of the published items matching the filters, and their total, in one pass over the
    /// snapshot. The keyword matches as the SQL did (EF's Contains: instr on SQLite, strpos on PostgreSQL):
    /// ordinal, so ASCII letters are case-sensitive, in the title or the content.
    /// </summary>
    public static Page SearchPublished(CatalogSnapshot.Version catalog, long? streetId, string? area, string? q, int page, long? districtId = null)
    {
        page = Math.Clamp(page, 1, 10_000);
        area = string.IsNullOrWhiteSpace(area) ? null : area;
        var term = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var skip = (page - 1) * PageSize;
        var rows = new List<PublicItem>(PageSize);
        var total = 0;
        foreach (var i in catalog.Items)
        {
            if ((streetId is { } s && i.StreetId != s)
                || (districtId is { } d && i.DistrictId != d)
                || (area is not null && !string.Equals(i.ServiceAreaCode, area, StringComparison.Ordinal))
                || (term is not null && !i.Title.Contains(term, StringComparison.Ordinal) && !i.Content.Contains(term, StringComparison.Ordinal)))
            {
                continue;
            }
            if (total >= skip && rows.Count < PageSize)
            {
                rows.Add(i);
            }
            total++;
        }
        return new Page(rows, total, page, PageSize);
    }

    /// <inheritdoc cref="SearchPublished"/>
    public static async Task<Page> SearchPublishedAsync(
        CatalogSnapshot catalog, long? streetId, string? area, string? q, int page, CancellationToken ct) =>
        SearchPublished(await catalog.GetAsync(ct), streetId, area, q, page);

    public static async Task<PublicItem?> FindPublishedAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var row = await (from i in db.TransferItems.AsNoTracking()
                         where i.Id == id && i.Status == TransferItemStatus.Published
                         join st in db.Streets on i.StreetId equals st.Id
                         join d in db.Districts on st.DistrictId equals d.Id
                         join a in db.ServiceAreas on i.ServiceAreaCode equals a.Code
                         select new { i, Street = st.Name, District = d.City + d.Name, Area = a.Name }).SingleOrDefaultAsync(ct);
        return row is null ? null : ToPublic(row.i, row.Street, row.District, row.Area);
    }

    internal static PublicItem ToPublic(TransferItemRow i, string street, string district, string area) => new(
        i.Id, i.StreetId, street, i.DistrictId, district, i.Title, i.Content, i.ServiceAreaCode, area,
        i.ProviderTypes, i.Requirements, i.Materials, i.ReferenceBudget, i.PublishedAt);
}
