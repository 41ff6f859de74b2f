using Marketplace.Catalog;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Street.Tenders;

/// <summary>The street's purchases, and its published transfer items to start one from.</summary>
[Authorize(Roles = Roles.StreetOfficial)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public List<TenderRow> Tenders { get; private set; } = [];
    public List<TransferItemRow> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.StreetOf() is not { } streetId)
        {
            return Forbid();
        }
        Tenders = await db.Tenders.AsNoTracking().Where(t => t.StreetId == streetId).OrderByDescending(t => t.Deadline).ToListAsync(ct);
        Items = await db.TransferItems.AsNoTracking().Where(i => i.StreetId == streetId && i.Status == TransferItemStatus.Published)
            .OrderBy(i => i.Title).ToListAsync(ct);
        return Page();
    }
}
