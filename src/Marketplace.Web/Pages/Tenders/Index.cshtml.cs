using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Tendering;
using Marketplace.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Tenders;

/// <summary>Public list of purchase notices and results (SPEC §3.10): keyword, street, service area, method, stage, pages.</summary>
[AllowAnonymous]
// Anonymous GETs only (the output cache's default policy); a saved change to the read's tables evicts the page (PublicReads).
[OutputCache(PolicyName = PublicReads.TendersPolicy)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public long? Street { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public PurchaseMethod? Method { get; set; }
    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    // From the query string only: "page" is also the route value naming the Razor page, which would win.
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public PublicTenderQueries.Result Result { get; private set; } = new([], 0, 1, 1);
    public List<SelectListItem> Streets { get; private set; } = [];
    public List<SelectListItem> Areas { get; private set; } = [];
    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || Street is not null || !string.IsNullOrEmpty(Area) || Method is not null || !string.IsNullOrEmpty(Stage);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Q = Q?.Trim() is { Length: > 50 } q ? q[..50] : Q?.Trim();
        Result = await PublicTenderQueries.SearchAsync(db, new(Q, Street, Area, Method, Stage, PageNumber), ct);
        Streets = await db.Streets.OrderBy(s => s.DistrictId).ThenBy(s => s.Id)
            .Select(s => new SelectListItem(s.District!.Name + " · " + s.Name, s.Id.ToString(), s.Id == Street)).ToListAsync(ct);
        Areas = await db.ServiceAreas.OrderBy(a => a.SortOrder)
            .Select(a => new SelectListItem(a.Name, a.Code, a.Code == Area)).ToListAsync(ct);
    }
}
