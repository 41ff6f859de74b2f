using System.Collections.Immutable;
using Marketplace.Tendering;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.District.Tenders;

/// <summary>
/// One purchase of the admin's district: the notice and, once the deadline has closed it, who applied,
/// when and at what price. Another district's tender (or a draft) is not found.
/// </summary>
public sealed class DetailsModel(IGrainFactory grains, CurrentTenant tenant) : PageModel
{
    public TenderInfo Tender { get; private set; } = null!;

    /// <summary>Empty while the applications are sealed (before the deadline).</summary>
    public ImmutableArray<TenderApplication> Applications { get; private set; } = [];

    public bool Sealed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var grain = grains.GetGrain<ITenderGrain>(id);
        if (await grain.GetInfoAsync() is not { } info || info.DistrictId != tenant.DistrictId || info.Status == TenderStatus.Draft)
        {
            return NotFound();
        }
        Tender = info;
        var applications = await grain.GetClosedApplicationsAsync();
        Sealed = !applications.Succeeded;
        Applications = applications.Succeeded ? applications.Value : [];
        return Page();
    }
}
