using Marketplace.Organizations;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Marketplace.Domain;

namespace Marketplace.Web.Pages.District.Organizations;

/// <summary>The district's directory: the review queue (申请中) first, every status searchable, export to .xlsx.</summary>
public sealed class IndexModel(AppDbContext db, CurrentTenant tenant) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? MinSocialWorkers { get; set; }
    [BindProperty(SupportsGet = true)] public string? Incubated { get; set; }
    [BindProperty(SupportsGet = true)] public string? Street { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public string? PageText { get; set; }

    public DirectoryQueries.Page Result { get; private set; } = null!;
    public int Applying { get; private set; }
    public OrganizationFormChoices Choices { get; private set; } = null!;
    public string DistrictName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return NotFound();
        }
        var filter = ParseFilter(districtId);
        DistrictName = await db.Districts.Where(d => d.Id == districtId).Select(d => d.City + d.Name).SingleAsync(ct);
        Choices = await OrganizationFormChoices.LoadAsync(db, ct);
        Applying = await db.Organizations.CountAsync(o => o.DistrictId == districtId && o.Status == DirectoryStatus.Applying, ct);
        _ = int.TryParse(PageText, out var page);
        Result = await DirectoryQueries.SearchAsync(db, filter, page, ct);
        return Page();
    }

    /// <summary>GET ?handler=Export: the directory (optionally one status) as .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return NotFound();
        }
        DirectoryStatus? status = Enum.TryParse<DirectoryStatus>(Status, out var s) && Enum.IsDefined(s) ? s : null;
        // The zip package needs a seekable stream: a temporary file keeps memory flat for any directory size.
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await DirectoryWorkbook.ExportAsync(db, districtId, status, temp, ct);
        temp.Position = 0;
        return File(temp, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"社会组织目录-{DateTimeOffset.UtcNow.ToOffset(ChinaTime.Offset):yyyyMMdd}.xlsx");
    }

    private DirectoryQueries.Filter ParseFilter(long districtId) =>
        DirectoryQueries.ParseForm(Area, Type, MinSocialWorkers, Incubated, Q, e => ModelState.AddModelError(nameof(MinSocialWorkers), e)) with
        {
            DistrictId = districtId,
            Status = Enum.TryParse<DirectoryStatus>(Status, out var s) && Enum.IsDefined(s) ? s : null,
            NearStreetId = long.TryParse(Street, out var st) ? st : null,
        };
}
