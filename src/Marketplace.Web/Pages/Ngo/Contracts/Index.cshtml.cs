using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Ngo.Contracts;

/// <summary>The organization's own contracts.</summary>
public sealed class IndexModel(AppDbContext db, CurrentTenant tenant) : PageModel
{
    public List<ContractRow> Contracts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.Uscc is not { } uscc)
        {
            return NotFound();
        }
        Contracts = await db.Contracts.AsNoTracking().Where(c => c.Uscc == uscc).OrderByDescending(c => c.CreatedAt).ToListAsync(ct);
        return Page();
    }
}
