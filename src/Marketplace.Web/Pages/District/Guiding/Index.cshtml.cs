using System.ComponentModel.DataAnnotations;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.District.Guiding;

/// <summary>
/// The district's guiding catalogue (政府购买服务指导性目录): reference data kept by the district admin.
/// Entries are retired, never deleted, because transfer items refer to them by code.
/// </summary>
public sealed class IndexModel(AppDbContext db, CurrentTenant tenant) : PageModel
{
    [BindProperty] public EntryInput Input { get; set; } = new();

    public List<GuidingCatalogEntry> Entries { get; private set; } = [];
    public List<SelectListItem> Areas { get; private set; } = [];
    public Dictionary<string, string> AreaNames { get; private set; } = [];

    public sealed class EntryInput
    {
        [Required(ErrorMessage = "请填写目录编码"), RegularExpression("^[A-Za-z0-9-]{2,20}$", ErrorMessage = "编码为 2–20 位字母、数字或短横线")]
        [Display(Name = "目录编码")]
        public string? Code { get; set; }

        [Required(ErrorMessage = "请填写条目名称"), StringLength(100, ErrorMessage = "名称不能超过 100 个字")]
        [Display(Name = "条目名称")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "请选择服务领域")]
        [Display(Name = "服务领域")]
        public string? ServiceAreaCode { get; set; }

        [StringLength(2000, ErrorMessage = "说明不能超过 2000 个字")]
        [Display(Name = "说明")]
        public string? Description { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return NotFound(); // no district of one's own: nothing here is the user's
        }
        await LoadAsync(districtId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return NotFound(); // no district of one's own: nothing here is the user's
        }
        var code = Input.Code?.Trim().ToUpperInvariant();
        if (ModelState.IsValid && !await db.ServiceAreas.AnyAsync(a => a.Code == Input.ServiceAreaCode, ct))
        {
            ModelState.AddModelError("Input.ServiceAreaCode", "请选择服务领域");
        }
        if (ModelState.IsValid && await db.GuidingCatalogEntries.AnyAsync(g => g.DistrictId == districtId && g.Code == code, ct))
        {
            ModelState.AddModelError("Input.Code", "本区目录中已有该编码");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(districtId, ct);
            return Page();
        }
        db.GuidingCatalogEntries.Add(new GuidingCatalogEntry
        {
            DistrictId = districtId, Code = code!, Name = Input.Name!.Trim(), ServiceAreaCode = Input.ServiceAreaCode!,
            Description = Input.Description?.Trim() ?? "",
        });
        // Two admins (or a double click) adding the same code at once: the unique index refuses the second.
        if (!await db.TrySaveAsync(ModelState, "Input.Code", "本区目录中已有该编码", ct))
        {
            await LoadAsync(districtId, ct);
            return Page();
        }
        TempData["Notice"] = $"已添加目录条目 {code}";
        return RedirectToPage();
    }

    /// <param name="version">The entry's version the list was read at: two admins both pressing 停用 must not end in 恢复.</param>
    public async Task<IActionResult> OnPostToggleAsync(long id, int version, CancellationToken ct)
    {
        var entry = await db.GuidingCatalogEntries.SingleOrDefaultAsync(g => g.Id == id, ct);
        if (entry is null || !tenant.ManagesDistrict(entry.DistrictId))
        {
            return NotFound();
        }
        entry.Active = !entry.Active;
        db.ExpectVersion(entry, version);
        if (!await db.TrySaveAsync(ModelState, string.Empty, ReferenceDataWrites.StaleMessage, ct))
        {
            await LoadAsync(entry.DistrictId, ct);
            return Page();
        }
        TempData["Notice"] = entry.Active ? $"已恢复 {entry.Code}" : $"已停用 {entry.Code}，新事项不能再选用该条目";
        return RedirectToPage();
    }

    private async Task LoadAsync(long districtId, CancellationToken ct)
    {
        Entries = await db.GuidingCatalogEntries.Where(g => g.DistrictId == districtId).OrderBy(g => g.Code).ToListAsync(ct);
        AreaNames = await db.ServiceAreas.ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        Areas = [.. AreaNames.Select(a => new SelectListItem(a.Value, a.Key, a.Key == Input.ServiceAreaCode))];
    }
}
