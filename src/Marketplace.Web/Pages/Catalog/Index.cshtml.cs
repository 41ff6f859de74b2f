using Marketplace.Web.Features.Catalog;
using Marketplace.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.OutputCaching;

namespace Marketplace.Web.Pages.Catalog;

/// <summary>The public transfer-item catalog: published items of every street, no login (SPEC §3.10).</summary>
[AllowAnonymous]
// Anonymous GETs only (the output cache's default policy); a saved change to the read's tables evicts the page (PublicReads).
[OutputCache(PolicyName = PublicReads.CatalogPolicy)]
public sealed class IndexModel(CatalogSnapshot catalog) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public long? District { get; set; }
    [BindProperty(SupportsGet = true)] public long? Street { get; set; }
    // From the query string only: "page" is also the route value naming the Razor page, which would win.
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public CatalogQueries.Page Result { get; private set; } = new([], 0, 1, CatalogQueries.PageSize);
    public List<SelectListItem> Areas { get; private set; } = [];
    public List<SelectListItem> Districts { get; private set; } = [];

    /// <summary>The chosen district's street options, rendered once per catalog version (CatalogFilterHtml); none before a district is chosen.</summary>
    public IHtmlContent StreetOptions { get; private set; } = HtmlString.Empty;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Q = Q?.Trim();
        if (Q?.Length > 50)
        {
            Q = Q[..50];
        }
        // Items and both filter lists from one snapshot version: no statement on a warm cache miss.
        var version = await catalog.GetAsync(ct);
        // A link with only ?street= shows that street under its district; a street left over from another
        // district (the district changed, the street list not yet reloaded) no longer filters.
        if (Street is { } id && version.StreetOf(id) is { } street)
        {
            District ??= street.DistrictId;
            Street = street.DistrictId == District ? id : null;
        }
        Result = CatalogQueries.SearchPublished(version, Street, Area, Q, PageNumber, District);
        Areas = [.. version.Areas.Select(a => new SelectListItem(a.Text, a.Value, a.Value == Area))];
        var district = District?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Districts = [.. version.Districts.Select(d => new SelectListItem(d.Text, d.Value, d.Value == district))];
        StreetOptions = District is { } d ? CatalogFilterHtml.WithSelected(version.StreetOptionsHtml(d), Street) : HtmlString.Empty;
    }
}
