using Marketplace.Budgets;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Budgets;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.District.Budgets;

/// <summary>
/// Runs the ledger checks for the district's streets on demand: over the relational postings
/// (<see cref="LedgerAudit"/>) and inside each street's budget grain (<see cref="LedgerChecks"/>).
/// </summary>
public sealed class ChecksModel(AppDbContext db, IGrainFactory grains, TimeProvider clock, CurrentTenant tenant) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public int BudgetYear => Year ?? BudgetQueries.CurrentYear(clock);
    public LedgerAudit.Result Audit { get; private set; } = null!;
    public IReadOnlyList<(string Street, IReadOnlyList<string> Problems)> GrainChecks { get; private set; } = [];
    public DateTimeOffset RanAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } districtId || !BudgetPages.ValidYear(BudgetYear))
        {
            return NotFound();
        }
        Audit = await LedgerAudit.RunAsync(db, districtId, BudgetYear, ct);
        var streets = await db.StreetBudgets.AsNoTracking()
            .Where(b => b.DistrictId == districtId && b.Year == BudgetYear)
            .Join(db.Streets, b => b.StreetId, s => s.Id, (b, s) => new { s.Id, s.Name })
            .OrderBy(s => s.Id).ToListAsync(ct);
        var results = new List<(string, IReadOnlyList<string>)>();
        foreach (var s in streets)
        {
            results.Add((s.Name, await grains.GetStreetBudget(s.Id, BudgetYear).CheckAsync()));
        }
        GrainChecks = results;
        RanAt = clock.GetUtcNow();
        return Page();
    }
}
