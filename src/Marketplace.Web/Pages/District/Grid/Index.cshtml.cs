using Marketplace.Grid;
using Marketplace.Web.Features.Grid;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.District.Grid;

/// <summary>The district's dashboard: each street's matter figures and the district's total.</summary>
public sealed class IndexModel(CurrentTenant tenant, GridFigures figures) : PageModel
{
    public IReadOnlyList<StreetFigures> Streets { get; private set; } = [];

    public MatterFigures Total { get; private set; } = MatterFigures.Of([]);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } district)
        {
            return NotFound();
        }
        (Streets, Total) = await figures.ForDistrictAsync(district, ct);
        return Page();
    }
}
