using Marketplace.Organizations;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Marketplace.Domain;

namespace Marketplace.Web.Pages.District.Organizations;

/// <summary>The district's negative-information list (负面信息清单): every entry, active ones first.</summary>
public sealed class NegativeEntriesModel(AppDbContext db, CurrentTenant tenant) : PageModel
{
    public sealed record Entry(Data.Entities.NegativeEntryRow Row, string Organization, bool Active);

    [BindProperty(SupportsGet = true)] public bool ActiveOnly { get; set; }

    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return NotFound();
        }
        var today = ChinaTime.Day(DateTimeOffset.UtcNow);
        var rows = await (from n in db.NegativeEntries.AsNoTracking()
                          join o in db.Organizations.AsNoTracking() on n.Uscc equals o.Uscc
                          where n.DistrictId == districtId
                          orderby n.StartsOn descending
                          select new { n, o.Name }).Take(1000).ToListAsync(ct);
        Entries = [.. rows
            .Select(r => new Entry(r.n, r.Name, r.n.RevokedAt == null && r.n.StartsOn <= today && (r.n.EndsOn == null || r.n.EndsOn >= today)))
            .Where(e => !ActiveOnly || e.Active)
            .OrderByDescending(e => e.Active)];
        return Page();
    }
}
