using Marketplace.Tendering;
using Marketplace.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Tenders;

/// <summary>Public list of purchase notices and results (SPEC §3.10). Drafts are not shown.</summary>
[AllowAnonymous]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Street, string District, PurchaseMethod Method, Marketplace.Domain.Money Ceiling,
        DateTimeOffset Deadline, TenderStatus Status, string? AwardedName);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await (from t in db.Tenders.AsNoTracking()
                          join s in db.Streets on t.StreetId equals s.Id
                          join d in db.Districts on s.DistrictId equals d.Id
                          where t.Status != TenderStatus.Draft
                          select new Row(t.Id, t.Title, s.Name, d.Name, t.Method, t.Ceiling, t.Deadline, t.Status, t.AwardedName)).ToListAsync(ct);
        Rows = [.. rows.OrderBy(r => r.Status == TenderStatus.Published ? 0 : 1).ThenByDescending(r => r.Deadline)];
    }
}
