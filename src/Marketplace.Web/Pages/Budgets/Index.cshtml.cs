using Marketplace.Budgets;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Budgets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Budgets;

/// <summary>Public disclosure (阳光政务): every street's budget with its status and its execution, no login.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public int BudgetYear => Year ?? BudgetQueries.CurrentYear(clock);
    public IReadOnlyList<BudgetQueries.StreetYear> Streets { get; private set; } = [];

    /// <summary>Districts of the listed streets, for the links to their public PDF summaries.</summary>
    public IReadOnlyList<(long Id, string Name)> Districts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!BudgetPages.ValidYear(BudgetYear))
        {
            return NotFound();
        }
        Streets = [.. (await BudgetQueries.YearAsync(db, BudgetYear, null, ct)).Where(s => s.Row is not null)];
        Districts = [.. Streets.Select(s => (s.DistrictId, s.District)).Distinct().OrderBy(d => d.DistrictId)];
        return Page();
    }
}
