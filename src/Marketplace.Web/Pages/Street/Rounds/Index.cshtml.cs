using System.Collections.Immutable;
using Marketplace.Rounds;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Street.Rounds;

/// <summary>The street's 公益创投 rounds, and a new one.</summary>
public sealed class IndexModel(CurrentTenant tenant, IGrainFactory grains, TimeProvider clock) : PageModel
{
    [BindProperty] public RoundInput Input { get; set; } = new();

    public ImmutableArray<RoundSummary> Rounds { get; private set; } = [];

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
        var (settings, errors) = Input.Parse(Marketplace.Domain.ChinaTime.Year(clock.GetUtcNow()));
        if (settings is not null)
        {
            var id = Guid.NewGuid();
            var created = await grains.GetGrain<IVentureRoundGrain>(id).CreateAsync(new RoundOrganizer(district, street), settings, tenant.UserName);
            if (created.Succeeded)
            {
                return RedirectToPage("Details", new { id });
            }
            errors = [.. created.Errors];
        }
        ModelState.AddOutcome(errors, "Input", typeof(RoundInput));
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Rounds = [.. (await grains.GetGrain<IVentureRoundListGrain>(tenant.DistrictId!.Value).ListAsync()).Where(r => r.Organizer.StreetId == tenant.StreetId)];
}
