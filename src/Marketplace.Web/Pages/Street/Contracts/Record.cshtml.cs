using Marketplace.Contracts;
using Marketplace.Organizations;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using StreetRow = Marketplace.Web.Data.Entities.Street;

namespace Marketplace.Web.Pages.Street.Contracts;

/// <summary>
/// 合同补录: the street enters a contract it signed on paper from its record, so that its delivery, evaluation
/// and payments are managed here. The contract is drafted for both sides to confirm by signing; an amount
/// above what is available is refused beside the amount (the grain asks the street's budget).
/// </summary>
public sealed class RecordModel(AppDbContext db, IGrainFactory grains, CurrentTenant tenant) : PageModel
{
    [BindProperty] public RecordInput Input { get; set; } = new();

    public List<OrganizationRow> Organizations { get; private set; } = [];
    public List<ServiceArea> Areas { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } street)
        {
            return NotFound();
        }
        var parsed = Input.ToRecord(street.Id, street.DistrictId);
        var errors = parsed.Errors;
        var id = Guid.CreateVersion7();
        if (parsed.Succeeded)
        {
            errors = (await grains.GetGrain<IContractGrain>(id).CreateFromRecordAsync(parsed.Value!, tenant.UserName)).Errors;
        }
        if (errors.IsDefaultOrEmpty)
        {
            TempData["Notice"] = "合同已补录，请签订后由承接机构确认";
            return RedirectToPage("Details", new { id });
        }
        ModelState.AddOutcome(errors, "Input", typeof(RecordInput), RecordInput.Renames);
        return Page();
    }

    private async Task<StreetRow?> LoadAsync(CancellationToken ct)
    {
        if (tenant.StreetId is not { } streetId || await db.Streets.AsNoTracking().SingleOrDefaultAsync(s => s.Id == streetId, ct) is not { } street)
        {
            return null;
        }
        Organizations = await db.Organizations.AsNoTracking()
            .Where(o => o.DistrictId == street.DistrictId && o.Status == DirectoryStatus.Admitted).OrderBy(o => o.Name).ToListAsync(ct);
        Areas = await db.ServiceAreas.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync(ct);
        return street;
    }
}
