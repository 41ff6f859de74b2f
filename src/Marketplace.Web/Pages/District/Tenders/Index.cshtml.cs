using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.District.Tenders;

/// <summary>
/// Every purchase of the admin's district (SPEC §2: 区管理员 sees all streets), filtered by street and
/// status. Read from the Tenders read model, which holds no application before the award (SPEC §3.3).
/// </summary>
public sealed class IndexModel(AppDbContext db, CurrentTenant tenant) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Street { get; set; }
    [BindProperty(SupportsGet = true)] public TenderStatus? Status { get; set; }

    public IReadOnlyList<(TenderRow Tender, string Street)> Tenders { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Streets { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return NotFound(); // no district of one's own: nothing here is the user's
        }
        Streets = [.. (await db.Streets.AsNoTracking().Where(s => s.DistrictId == districtId).OrderBy(s => s.Id).ToListAsync(ct)).Select(s => (s.Id, s.Name))];
        var query = db.Tenders.AsNoTracking().Where(t => t.DistrictId == districtId && t.Status != TenderStatus.Draft);
        if (Street is { } street)
        {
            query = query.Where(t => t.StreetId == street);
        }
        if (Status is { } status)
        {
            query = query.Where(t => t.Status == status);
        }
        var names = Streets.ToDictionary(s => s.Id, s => s.Name);
        Tenders = [.. (await query.ToListAsync(ct)).OrderByDescending(t => t.Deadline).Select(t => (t, names.GetValueOrDefault(t.StreetId, "")))];
        return Page();
    }
}
