using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Reports;
using Marketplace.Web.Features.Budgets;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Street.Budget;

/// <summary>The street official's budget year: by funding source and by service area, with the floor check.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock, BudgetReportData reports, CurrentTenant tenant, ReportRenderLane renderLane) : PageModel
{
    public int Year { get; private set; }
    public BudgetQueries.StreetYear Street { get; private set; } = null!;
    public IReadOnlyList<BudgetQueries.AreaLine> Areas { get; private set; } = [];
    public IReadOnlyList<BudgetQueries.Purchase> Purchases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? year, CancellationToken ct)
    {
        Year = year ?? BudgetQueries.CurrentYear(clock);
        if (tenant.StreetId is not { } streetId || !BudgetPages.ValidYear(Year)
            || await BudgetQueries.StreetAsync(db, streetId, Year, ct) is not { } street)
        {
            return NotFound();
        }
        Street = street;
        Purchases = await BudgetQueries.PurchasesAsync(db, streetId, Year, ct);
        Areas = await BudgetQueries.ByServiceAreaAsync(db, Purchases, ct);
        return Page();
    }

    /// <summary>The 街道购买服务年度预算执行报告 of this street and year, with the figures as entered.</summary>
    public async Task<IActionResult> OnGetPdfAsync(int? year, CancellationToken ct)
    {
        Year = year ?? BudgetQueries.CurrentYear(clock);
        if (tenant.StreetId is not { } streetId || !BudgetPages.ValidYear(Year)
            || await reports.StreetAsync(db, streetId, Year, ct) is not { } model)
        {
            return NotFound();
        }
        return File(await renderLane.RenderAsync(new StreetBudgetReport(model)), "application/pdf", $"{model.Street}{Year}年购买服务预算执行报告.pdf");
    }
}
