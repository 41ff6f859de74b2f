using Marketplace.Grid;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Grid;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Grid;

/// <summary>The 网格员's visit log (走访日志): report a matter from the phone, see the grid's matters.</summary>
[RequestSizeLimit(16L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 16L * 1024 * 1024)]
public sealed class IndexModel(CurrentTenant tenant, IGrainFactory grains, AppDbContext db, MatterPhotos photos) : MatterReportForm
{
    public IReadOnlyList<GridUnit> MyGrids { get; private set; } = [];
    public IReadOnlyList<Matter> Recent { get; private set; } = [];
    public IReadOnlyList<ServiceArea> Areas { get; private set; } = [];

    [BindProperty] public string? ResidentPhone { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (tenant.GridStreetId is not { } street)
        {
            return NotFound();
        }
        var names = MatterPhotos.NamesFor(Photos);
        var result = await grains.GetGrain<IStreetMattersGrain>(street).ReportAsync(ToReport(MatterSource.GridVisit, ResidentPhone, names),
            tenant.UserName, tenant.DisplayName);
        if (result.Succeeded)
        {
            await photos.SaveAsync(Photos, names, ct);
            TempData["Notice"] = "事项已上报，街道将分派处置";
            return RedirectToPage();
        }
        ModelState.AddOutcome(result.Errors);
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (tenant.GridStreetId is not { } street)
        {
            return false;
        }
        var grids = await grains.GetGrain<IStreetGridGrain>(street).GetAsync();
        MyGrids = [.. grids.Grids.Where(g => g.IsWorker(tenant.UserName))];
        var mine = MyGrids.Select(g => g.No).ToHashSet();
        Recent = [.. (await grains.GetGrain<IStreetMattersGrain>(street).GetAsync()).Matters
            .Where(m => mine.Contains(m.GridNo)).OrderByDescending(m => m.ReportedAt).Take(20)];
        Areas = await db.ServiceAreas.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync(ct);
        return true;
    }
}
