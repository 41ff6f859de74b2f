using Marketplace.Grid;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Grid;
using Marketplace.Web.Infrastructure.Pages;
using Marketplace.Web.Infrastructure.Verification;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Matters;

/// <summary>Public: a resident reports a need or problem to a grid, proving the phone with a text-message code (no login).</summary>
[RequestSizeLimit(16L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 16L * 1024 * 1024)]
public sealed class ReportModel(AppDbContext db, IGrainFactory grains, VerificationCodes codes, MatterPhotos photos) : MatterReportForm
{
    public IReadOnlyList<Data.Entities.Street> Streets { get; private set; } = [];
    public IReadOnlyList<GridUnit> Grids { get; private set; } = [];
    public IReadOnlyList<ServiceArea> Areas { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public long Street { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Code { get; set; }

    public bool CodeSent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSendCodeAsync(CancellationToken ct)
    {
        if (await codes.RequestAsync(Phone, ct) is { } refused)
        {
            ModelState.AddOutcome([refused]);
        }
        else
        {
            CodeSent = true;
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (!await codes.CheckAsync(Phone?.Trim() ?? "", Code))
        {
            ModelState.AddModelError(nameof(Code), "验证码不正确或已过期，请重新获取");
            return Page();
        }
        var names = MatterPhotos.NamesFor(Photos);
        var result = await grains.GetGrain<IStreetMattersGrain>(Street).ReportAsync(ToReport(MatterSource.Resident, Phone, names), "", "居民");
        if (!result.Succeeded)
        {
            ModelState.AddOutcome(result.Errors);
            return Page();
        }
        await photos.SaveAsync(Photos, names, ct);
        return RedirectToPage("Rate", new { street = Street, id = result.Value, reported = true });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Streets = await db.Streets.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        Areas = await db.ServiceAreas.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync(ct);
        if (Street == 0)
        {
            return true;
        }
        if (Streets.All(s => s.Id != Street))
        {
            return false;
        }
        Grids = (await grains.GetGrain<IStreetGridGrain>(Street).GetAsync()).Grids;
        return true;
    }
}
