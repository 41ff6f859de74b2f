using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Reports.Excel;
using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Reports;
using Marketplace.Web.Features.Budgets;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.District.Budgets;

/// <summary>
/// Every street of the admin's district for a year, with the floor and growth checks; sortable, exportable
/// to .xlsx; the admin confirms entered budgets here (confirmation allocates them in the ledger).
/// </summary>
public sealed class IndexModel(AppDbContext db, IGrainFactory grains, TimeProvider clock, BudgetReportData reports, CurrentTenant tenant, ReportRenderLane renderLane) : PageModel
{
    public static readonly IReadOnlyDictionary<string, string> SortColumns = new Dictionary<string, string>
    {
        ["street"] = "街道", ["status"] = "状态", ["total"] = "年度预算", ["shortfall"] = "距最低标准差额",
        ["previous"] = "上年预算", ["encumbered"] = "预算占用", ["committed"] = "已承诺", ["disbursed"] = "已支付", ["available"] = "可用",
    };

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }

    public int BudgetYear => Year ?? BudgetQueries.CurrentYear(clock);
    public string District { get; private set; } = "";
    public Money Floor { get; private set; }
    public IReadOnlyList<BudgetQueries.StreetYear> Streets { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var rows = Streets.Select(s => (IReadOnlyList<object?>)
        [
            s.Street, s.StatusText, s.Total, s.Standing.Floor, s.Standing.MeetsFloor, s.Standing.FloorShortfall,
            s.Standing.PreviousYearTotal, s.Standing.MeetsGrowth, s.Standing.GrowthShortfall,
            s.Figures.Allocated, s.Figures.Encumbered, s.Figures.Committed, s.Figures.Disbursed, s.Figures.Available,
            .. FundingSources.All.Select(src => (object?)(s.Sources.FirstOrDefault(x => x.Source == src)?.Planned ?? Money.Zero)),
        ]);
        var stream = new MemoryStream();
        XlsxWriter.Write(stream, $"{District}{BudgetYear}年度预算",
            ["街道", "状态", "年度预算（元）", "最低标准（元）", "达到最低标准", "距最低标准差额（元）", "上年预算（元）", "不低于上年",
             "距上年差额（元）", "已下达（元）", "预算占用（元）", "已承诺（元）", "已支付（元）", "可用（元）", .. FundingSources.All.Select(x => x.Chinese() + "（元）")],
            rows);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"budgets-{BudgetYear}.xlsx");
    }

    /// <summary>The district's 街道购买服务预算执行汇总报告 with the figures as entered (the public one shows confirmed figures).</summary>
    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } districtId || !BudgetPages.ValidYear(BudgetYear)
            || await reports.DistrictAsync(db, districtId, BudgetYear, ct) is not { } model)
        {
            return NotFound();
        }
        return File(await renderLane.RenderAsync(new DistrictBudgetReport(model)), "application/pdf", $"{model.District}{BudgetYear}年街道购买服务预算执行汇总.pdf");
    }

    public async Task<IActionResult> OnPostConfirmAsync(long street, int version, CancellationToken ct)
    {
        var districtId = await db.Streets.Where(s => s.Id == street).Select(s => (long?)s.DistrictId).SingleOrDefaultAsync(ct);
        if (districtId is not { } d || !tenant.ManagesDistrict(d) || !BudgetPages.ValidYear(BudgetYear))
        {
            return NotFound();
        }
        var outcome = await grains.GetStreetBudget(street, BudgetYear).ConfirmBudgetAsync(version, User.Identity?.Name ?? "");
        if (!outcome.Succeeded)
        {
            ModelState.AddModelError(string.Empty, "确认失败：" + string.Join("；", outcome.Errors.Select(e => e.Message)));
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        TempData["Notice"] = $"已确认第 {version} 版预算并下达。";
        return RedirectToPage(new { year = BudgetYear, sort = Sort, desc = Desc });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } districtId || !BudgetPages.ValidYear(BudgetYear))
        {
            return false;
        }
        var district = await db.Districts.AsNoTracking().SingleOrDefaultAsync(x => x.Id == districtId, ct);
        if (district is null)
        {
            return false;
        }
        District = district.City + district.Name;
        Floor = (await BudgetPolicySource.ForDistrictAsync(db, districtId, ct)).Floor;
        var rows = await BudgetQueries.YearAsync(db, BudgetYear, districtId, ct);
        Func<BudgetQueries.StreetYear, decimal>? amount = Sort switch
        {
            "total" => s => s.Total.Yuan,
            "shortfall" => s => s.Standing.FloorShortfall.Yuan,
            "previous" => s => (s.Standing.PreviousYearTotal ?? Money.Zero).Yuan,
            "encumbered" => s => s.Figures.Encumbered.Yuan,
            "committed" => s => s.Figures.Committed.Yuan,
            "disbursed" => s => s.Figures.Disbursed.Yuan,
            "available" => s => s.Figures.Available.Yuan,
            _ => null,
        };
        var sorted = amount is not null ? rows.OrderBy(amount)
            : Sort == "status" ? rows.OrderBy(s => s.StatusText, StringComparer.Ordinal)
            : rows.OrderBy(s => s.StreetId);
        Streets = Desc ? [.. sorted.Reverse()] : [.. sorted];
        return true;
    }
}
