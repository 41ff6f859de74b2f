using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Reports;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Marketplace.Domain;

namespace Marketplace.Web.Pages.District.Reports;

/// <summary>
/// Background reports of the district admin: start one, watch its progress bar, download it when done.
/// Each admin sees only the runs it started.
/// </summary>
public sealed class IndexModel(AppDbContext db, ReportRuns runs, TimeProvider clock, CurrentTenant tenant) : PageModel
{
    public List<ReportRun> Runs { get; private set; } = [];

    [BindProperty] public int Year { get; set; }

    private string UserId => tenant.UserId!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year = ChinaTime.Year(clock.GetUtcNow());
        await LoadRunsAsync(ct);
    }

    private async Task LoadRunsAsync(CancellationToken ct) =>
        Runs = await db.ReportRuns.AsNoTracking().Where(r => r.RequestedBy == UserId)
            .OrderByDescending(r => r.CreatedAt).Take(20).ToListAsync(ct);

    public async Task<IActionResult> OnPostAllDistrictsAsync(CancellationToken ct)
    {
        var thisYear = ChinaTime.Year(clock.GetUtcNow());
        if (Year < 2000 || Year > thisYear + 1)
        {
            ModelState.AddModelError(nameof(Year), $"年度应在 2000 至 {thisYear + 1} 之间");
            await LoadRunsAsync(ct);
            return Page();
        }
        await runs.StartAsync(AllDistrictsReportProducer.ReportKind, $"{Year} 年全部区县购买服务预算执行报告", Year, null, UserId, ct);
        TempData["Notice"] = "报告已开始生成，完成后可在下方下载";
        return RedirectToPage();
    }

    /// <summary>Progress of one run, for the page's bar (polled).</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct)
    {
        var run = await db.ReportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.RequestedBy == UserId, ct);
        return run is null ? NotFound() : new JsonResult(new { status = run.Status.ToString(), progress = run.Progress, error = run.Error });
    }

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, CancellationToken ct)
    {
        var run = await db.ReportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.RequestedBy == UserId, ct);
        if (run is not { Status: ReportRunStatus.Done })
        {
            return NotFound();
        }
        return PhysicalFile(runs.PathOf(run), "application/pdf", run.Title + ".pdf");
    }
}
