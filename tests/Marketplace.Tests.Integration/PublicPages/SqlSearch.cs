using Marketplace.Catalog;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Integration.PublicPages;

/// <summary>
/// The catalog search as SQL, as the public catalog ran it before its snapshot (issue 15): the reference
/// the snapshot's answers are compared with, on each database.
/// </summary>
internal static class SqlSearch
{
    public static async Task<CatalogQueries.Page> SearchAsync(AppDbContext db, long? streetId, string? area, string? q, int page)
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
        var total = await items.CountAsync();
        var rows = await (from i in items
                          join st in db.Streets on i.StreetId equals st.Id
                          join d in db.Districts on st.DistrictId equals d.Id
                          join a in db.ServiceAreas on i.ServiceAreaCode equals a.Code
                          orderby i.DistrictId, i.StreetId, i.Title
                          select new { i, Street = st.Name, District = d.City + d.Name, Area = a.Name })
            .Skip((page - 1) * CatalogQueries.PageSize).Take(CatalogQueries.PageSize).ToListAsync();
        return new([.. rows.Select(r => CatalogQueries.ToPublic(r.i, r.Street, r.District, r.Area))], total, page, CatalogQueries.PageSize);
    }
}
