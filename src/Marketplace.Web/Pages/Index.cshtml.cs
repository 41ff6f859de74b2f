using Marketplace.Catalog;
using Marketplace.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public int PublishedItems { get; private set; }
    public int Streets { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PublishedItems = await db.TransferItems.CountAsync(i => i.Status == TransferItemStatus.Published, ct);
        Streets = await db.Streets.CountAsync(ct);
    }
}
