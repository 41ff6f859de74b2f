using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Tenders;

/// <summary>
/// Public notice and, once the award is public, every applicant's total and rank with the winner and
/// price — never a proposal (SPEC §3.10).
/// </summary>
[AllowAnonymous]
public sealed class DetailsModel(IGrainFactory grains, AppDbContext db) : PageModel
{
    public TenderInfo Tender { get; private set; } = default!;
    public string Street { get; private set; } = "";
    public List<TenderResultRow> Results { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var info = await grains.GetGrain<ITenderGrain>(id).GetInfoAsync();
        if (info is null || info.Status == TenderStatus.Draft)
        {
            return NotFound();
        }
        Tender = info;
        Street = await db.Streets.Where(s => s.Id == info.StreetId).Select(s => s.District!.Name + " · " + s.Name).SingleAsync(ct);
        Results = await db.TenderResults.AsNoTracking().Where(r => r.TenderId == id).ToListAsync(ct);
        Results = [.. Results.OrderBy(r => r.Rank ?? int.MaxValue)];
        return Page();
    }
}
