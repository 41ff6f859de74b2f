using Marketplace.Web.Data;
using Marketplace.Web.Features.Grid;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Matters;

/// <summary>Public: a street's on-time and satisfaction figures (counts only; nothing about any resident).</summary>
public sealed class IndexModel(AppDbContext db, GridFigures figures) : PageModel
{
    public IReadOnlyList<(long Id, string Name)> Streets { get; private set; } = [];

    public StreetFigures? Street { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? street, CancellationToken ct)
    {
        Streets = (await db.Streets.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name)).ToList();
        if (street is { } id)
        {
            Street = await figures.ForStreetAsync(id, ct);
            if (Street is null)
            {
                return NotFound();
            }
        }
        return Page();
    }
}
