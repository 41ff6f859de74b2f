using Marketplace.Budgets;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Budgets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Budgets;

/// <summary>Public disclosure (阳光政务): every street's confirmed budget and its execution, no login.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public int BudgetYear => Year ?? BudgetQueries.CurrentYear(clock);
    public IReadOnlyList<BudgetQueries.StreetYear> Streets { get; private set; } = [];

    /// <summary>Streets whose budget is filed but not yet confirmed by the district: listed as 待区确认, no figures.</summary>
    public IReadOnlyList<BudgetQueries.StreetYear> Pending { get; private set; } = [];

    /// <summary>Districts of the listed streets, for the links to their public PDF summaries.</summary>
    public IReadOnlyList<(long Id, string Name)> Districts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!BudgetPages.ValidYear(BudgetYear))
        {
            return NotFound();
        }
        var confirmed = await BudgetQueries.YearAsync(db, BudgetYear, null, confirmedOnly: true, ct);
        var filed = await BudgetQueries.YearAsync(db, BudgetYear, null, confirmedOnly: false, ct);
        Streets = [.. confirmed.Where(s => s.Row is not null)];
        var shown = Streets.Select(s => s.StreetId).ToHashSet();
        Pending = [.. filed.Where(s => s.Row?.Status == BudgetStatus.PendingConfirmation && !shown.Contains(s.StreetId))];
        Districts = [.. Streets.Concat(Pending).Select(s => (s.DistrictId, s.District)).Distinct().OrderBy(d => d.DistrictId)];
        return Page();
    }
}
