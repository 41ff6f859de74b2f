using Marketplace.Web.Data;
using Marketplace.Web.Features.Catalog;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Catalog;

[AllowAnonymous]
public sealed class DetailsModel(AppDbContext db) : PageModel
{
    public CatalogQueries.PublicItem Item { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var item = await CatalogQueries.FindPublishedAsync(db, id, ct);
        if (item is null)
        {
            return NotFound();
        }
        Item = item;
        return Page();
    }
}
