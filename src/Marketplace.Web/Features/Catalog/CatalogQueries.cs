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

    public static async Task<Page> SearchPublishedAsync(
        AppDbContext db, long? streetId, string? area, string? q, int page, CancellationToken ct)
    {
        page = Math.Clamp(page, 1, 10_000);
        var items = db.TransferItems.AsNoTracking().Where(i => i.Status == TransferItemStatus.Published);
        if (streetId is { } s)
        {
            items = items.Where(i => i.StreetId == s);
        }
        if (!string.IsNullOrWhiteSpace(area))
        {
            items = items.Where(i => i.ServiceAreaCode == area);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            items = items.Where(i => i.Title.Contains(term) || i.Content.Contains(term));
        }
        var total = await items.CountAsync(ct);
        var rows = await (from i in items
                          join st in db.Streets on i.StreetId equals st.Id
                          join d in db.Districts on st.DistrictId equals d.Id
                          join a in db.ServiceAreas on i.ServiceAreaCode equals a.Code
                          // The item's own district and street columns, so the order follows the index on TransferItems.
                          orderby i.DistrictId, i.StreetId, i.Title
                          select new { i, Street = st.Name, District = d.City + d.Name, Area = a.Name })
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new Page([.. rows.Select(r => ToPublic(r.i, r.Street, r.District, r.Area))], total, page, PageSize);
    }

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

    private static PublicItem ToPublic(TransferItemRow i, string street, string district, string area) => new(
        i.Id, i.StreetId, street, i.DistrictId, district, i.Title, i.Content, i.ServiceAreaCode, area,
        i.ProviderTypes, i.Requirements, i.Materials, i.ReferenceBudget, i.PublishedAt);
}
