using Marketplace.Rounds;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Ngo.Rounds;

/// <summary>The district's rounds open for applications, and this organization's own applications.</summary>
public sealed class IndexModel(CurrentTenant tenant, IGrainFactory grains, AppDbContext db) : PageModel
{
    public List<RoundSummary> Open { get; private set; } = [];
    public List<(RoundSummary Round, RoundApplication Application)> Mine { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (tenant.Uscc is not { } uscc || await OrganizationDistrict.OfAsync(db, uscc) is not { } district)
        {
            return NotFound();
        }
        var rounds = await grains.GetGrain<IVentureRoundListGrain>(district).ListAsync();
        Open = [.. rounds.Where(r => r.Status == RoundStatus.Open)];
        foreach (var r in rounds.Where(r => r.Status != RoundStatus.Draft))
        {
            foreach (var a in await grains.GetGrain<IVentureRoundGrain>(r.Id).GetOwnApplicationsAsync(uscc))
            {
                Mine.Add((r, a));
            }
        }
        return Page();
    }
}
