using Marketplace.Organizations;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Marketplace.Web.Pages.Organizations;

/// <summary>The public directory of capable organizations (已入库 only), no login.</summary>
[AllowAnonymous]
// Anonymous GETs only (the output cache's default policy); a saved change to the read's tables evicts the page (PublicReads).
[OutputCache(PolicyName = PublicReads.OrganizationsPolicy)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? MinSocialWorkers { get; set; }
    [BindProperty(SupportsGet = true)] public string? Incubated { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public string? PageText { get; set; }

    public DirectoryQueries.Page Result { get; private set; } = null!;
    public OrganizationFormChoices Choices { get; private set; } = null!;
    public Dictionary<string, List<PublicOrganizationsApi.PublicNegativeEntryDto>> Negative { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Choices = await OrganizationFormChoices.LoadAsync(db, ct);
        var filter = DirectoryQueries.ParseForm(Area, Type, MinSocialWorkers, Incubated, Q, e => ModelState.AddModelError(nameof(MinSocialWorkers), e)) with
        {
            DistrictId = long.TryParse(District, out var d) ? d : null,
            Status = DirectoryStatus.Admitted,
        };
        _ = int.TryParse(PageText, out var page);
        Result = await DirectoryQueries.SearchAsync(db, filter, page, ct);
        Negative = await PublicOrganizationsApi.PublishedNegativeEntriesAsync(db, [.. Result.Items.Select(i => i.Uscc)], ct);
    }
}
