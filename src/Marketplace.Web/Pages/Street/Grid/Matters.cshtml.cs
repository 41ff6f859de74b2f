using Marketplace.Grid;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Street.Grid;

/// <summary>The street's matters (事项), newest first, open ones on top.</summary>
public sealed class MattersModel(CurrentTenant tenant, IGrainFactory grains) : PageModel
{
    public IReadOnlyList<Matter> Matters { get; private set; } = [];

    public StreetGridView Grids { get; private set; } = new([], 0);

    public async Task<IActionResult> OnGetAsync()
    {
        if (tenant.StreetId is not { } street)
        {
            return NotFound();
        }
        Grids = await grains.GetGrain<IStreetGridGrain>(street).GetAsync();
        var view = await grains.GetGrain<IStreetMattersGrain>(street).GetAsync();
        Matters = [.. view.Matters.OrderBy(m => !m.IsOpen).ThenByDescending(m => m.ReportedAt)];
        return Page();
    }
}
