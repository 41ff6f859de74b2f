using Marketplace.Grid;
using Marketplace.Web.Features.Grid;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Street.Grid;

/// <summary>The street's dashboard: matters, on-time rate, ratings and very-satisfied rate per grid and 村(社区).</summary>
public sealed class FiguresModel(CurrentTenant tenant, GridFigures figures) : PageModel
{
    public StreetFigures Street { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.StreetId is not { } street || await figures.ForStreetAsync(street, ct) is not { } f)
        {
            return NotFound();
        }
        Street = f;
        return Page();
    }
}
