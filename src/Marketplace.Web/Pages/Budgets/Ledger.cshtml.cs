using Marketplace.Budgets;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Budgets;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Budgets;

/// <summary>
/// A street's postings for a year, filterable by funding source, account, movement kind and text. The
/// street's own official and its district's admin may read it; anyone else gets 404.
/// </summary>
[Authorize(Roles = Roles.StreetOfficial + "," + Roles.DistrictAdmin)]
public sealed class LedgerModel(AppDbContext db, TimeProvider clock, CurrentTenant tenant) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public long? Street { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public FundingSource? Source { get; set; }
    [BindProperty(SupportsGet = true)] public LedgerAccountKind? Account { get; set; }
    [BindProperty(SupportsGet = true)] public PostingKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    // From the query string only: "page" is also the route value naming the Razor page, which would win.
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public int BudgetYear => Year ?? BudgetQueries.CurrentYear(clock);
    public string StreetName { get; private set; } = "";
    public int Total { get; private set; }
    public IReadOnlyList<(PostingGroupRow Group, PostingRow Posting)> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var streetId = Street ?? tenant.StreetId;
        var street = streetId is null ? null : await db.Streets.AsNoTracking().SingleOrDefaultAsync(s => s.Id == streetId, ct);
        if (street is null || !tenant.CanReadStreet(street.Id, street.DistrictId) || !BudgetPages.ValidYear(BudgetYear))
        {
            return NotFound();
        }
        Street = street.Id;
        StreetName = street.Name;
        // Filters bound to enums: an unknown value is dropped by the binder; clear its error so the page still renders.
        ModelState.Clear();
        var query = from p in db.Postings.AsNoTracking()
                    join g in db.PostingGroups.AsNoTracking() on p.GroupId equals g.Id
                    where p.StreetId == street.Id && p.Year == BudgetYear
                    select new { g, p };
        if (Source is { } source)
        {
            query = query.Where(x => x.p.Source == source);
        }
        if (Account is { } account)
        {
            query = query.Where(x => x.p.Account == account);
        }
        if (Kind is { } kind)
        {
            query = query.Where(x => x.g.Kind == kind);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            query = query.Where(x => x.g.Reason.Contains(term) || x.g.DocumentId.Contains(term)
                || (x.g.CommitmentId != null && x.g.CommitmentId.Contains(term)) || x.g.IdempotencyKey.Contains(term));
        }
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        var rows = await query.OrderByDescending(x => x.p.Sequence).ThenBy(x => x.p.Line)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Rows = [.. rows.Select(x => (x.g, x.p))];
        return Page();
    }
}
