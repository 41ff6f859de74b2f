using Marketplace.Web.Data;
using Marketplace.Web.Features.Catalog;
using Marketplace.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Catalog;

/// <summary>The public transfer-item catalog: published items of every street, no login (SPEC §3.10).</summary>
[AllowAnonymous]
// Anonymous GETs only (the output cache's default policy); a saved change to the read's tables evicts the page (PublicReads).
[OutputCache(PolicyName = PublicReads.CatalogPolicy)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public long? Street { get; set; }
    // From the query string only: "page" is also the route value naming the Razor page, which would win.
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public CatalogQueries.Page Result { get; private set; } = new([], 0, 1, CatalogQueries.PageSize);
    public List<SelectListItem> Areas { get; private set; } = [];
    public List<SelectListItem> Streets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Q = Q?.Trim();
        if (Q?.Length > 50)
        {
            Q = Q[..50];
        }
        Result = await CatalogQueries.SearchPublishedAsync(db, Street, Area, Q, PageNumber, ct);
        Areas = await db.ServiceAreas.OrderBy(a => a.SortOrder)
            .Select(a => new SelectListItem(a.Name, a.Code, a.Code == Area)).ToListAsync(ct);
        Streets = await db.Streets.OrderBy(s => s.DistrictId).ThenBy(s => s.Id)
            .Select(s => new SelectListItem(s.District!.Name + " · " + s.Name, s.Id.ToString(), s.Id == Street)).ToListAsync(ct);
    }
}
