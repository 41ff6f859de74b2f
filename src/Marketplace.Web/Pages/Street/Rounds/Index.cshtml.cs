using System.Collections.Immutable;
using Marketplace.Rounds;
using Marketplace.Web.Features.Rounds;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Street.Rounds;

/// <summary>The street's 公益创投 rounds, a new one, and the district's rounds this street pays a share of (read only).</summary>
public sealed class IndexModel(CurrentTenant tenant, IGrainFactory grains, TimeProvider clock) : PageModel
{
    [BindProperty] public RoundInput Input { get; set; } = new();

    public ImmutableArray<RoundSummary> Rounds { get; private set; } = [];

    /// <summary>District rounds (区级创投) past their draft in which this street holds a share of the pool.</summary>
    public ImmutableArray<RoundSummary> Shared { get; private set; } = [];

    public long StreetId => tenant.StreetId ?? 0;

    public async Task<IActionResult> OnGetAsync()
    {
        if (tenant.StreetId is null || tenant.DistrictId is null)
        {
            return NotFound();
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (tenant.StreetId is not { } street || tenant.DistrictId is not { } district)
        {
            return NotFound();
        }
        var (id, errors) = await Input.CreateAsync(grains, new RoundOrganizer(district, street), Marketplace.Domain.ChinaTime.Year(clock.GetUtcNow()), null, tenant.UserName);
        if (id is not null)
        {
            return RedirectToPage("Details", new { id });
        }
        ModelState.AddOutcome(errors, "Input", typeof(RoundInput), RoundInput.ErrorFields);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var all = await grains.GetGrain<IVentureRoundListGrain>(tenant.DistrictId!.Value).ListAsync();
        Rounds = [.. all.Where(r => r.Organizer.StreetId == tenant.StreetId)];
        Shared = [.. all.Where(r => r.Organizer.StreetId is null && r.Status != RoundStatus.Draft && r.ShareOf(StreetId) is not null)];
    }
}
