using System.Collections.Immutable;
using Marketplace.Rounds;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Rounds;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.District.Rounds;

/// <summary>The district's own 公益创投 rounds (区级创投 for several streets, each with its share of the pool), and a new one.</summary>
public sealed class IndexModel(CurrentTenant tenant, IGrainFactory grains, TimeProvider clock, AppDbContext db) : PageModel
{
    [BindProperty] public RoundInput Input { get; set; } = new() { Cap = "300000" };

    public ImmutableArray<RoundSummary> Rounds { get; private set; } = [];

    public IReadOnlyDictionary<long, string> Streets { get; private set; } = new Dictionary<long, string>();

    public async Task<IActionResult> OnGetAsync()
    {
        if (tenant.DistrictId is null)
        {
            return NotFound();
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>A draft district round; shares not summing to the pool, a street outside the district or no street are refused beside the shares.</summary>
    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (tenant.DistrictId is not { } district)
        {
            return NotFound();
        }
        Streets = await DistrictStreets.OfAsync(db, district);
        var (id, errors) = await Input.CreateAsync(grains, new RoundOrganizer(district, null), Marketplace.Domain.ChinaTime.Year(clock.GetUtcNow()), Streets, tenant.UserName);
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
        Streets = await DistrictStreets.OfAsync(db, tenant.DistrictId!.Value);
        Rounds = [.. (await grains.GetGrain<IVentureRoundListGrain>(tenant.DistrictId!.Value).ListAsync()).Where(r => r.Organizer.StreetId is null)];
    }
}
