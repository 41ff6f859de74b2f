using System.Globalization;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.District.IncubationBases;

/// <summary>
/// The district's incubation bases (社会组织孵化基地): the district centre and street bases of the
/// "1+10+N" / four-level systems, with how many organizations each has incubated.
/// </summary>
public sealed class IndexModel(AppDbContext db, CurrentTenant tenant) : PageModel
{
    public static readonly string[] Levels = ["区级", "街道级", "社区级"];

    public sealed record BaseRow(IncubationBase Base, string? Street, int Organizations);

    public IReadOnlyList<BaseRow> Bases { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Streets { get; private set; } = [];

    [BindProperty] public BaseForm Input { get; set; } = new();

    public sealed class BaseForm
    {
        public string? Name { get; set; }
        public string? Level { get; set; }
        public string? StreetId { get; set; }
        public string? Address { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var districtId = tenant.DistrictId!.Value;
        var name = Input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            ModelState.AddModelError("Input.Name", "请填写基地名称");
        }
        else if (name.Length > 100)
        {
            ModelState.AddModelError("Input.Name", "基地名称不能超过 100 个字");
        }
        else if (Bases.Any(b => b.Base.Name == name))
        {
            ModelState.AddModelError("Input.Name", "本区已有同名孵化基地");
        }
        if (!Levels.Contains(Input.Level))
        {
            ModelState.AddModelError("Input.Level", "请选择基地层级");
        }
        long? streetId = null;
        if (!string.IsNullOrWhiteSpace(Input.StreetId))
        {
            if (long.TryParse(Input.StreetId, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && Streets.Any(x => x.Id == s))
            {
                streetId = s;
            }
            else
            {
                ModelState.AddModelError("Input.StreetId", "所选街道不属于本区");
            }
        }
        var address = Input.Address?.Trim() ?? "";
        if (address.Length > 200)
        {
            ModelState.AddModelError("Input.Address", "地址不能超过 200 个字");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.IncubationBases.Add(new IncubationBase { DistrictId = districtId, StreetId = streetId, Name = name, Level = Input.Level!, Address = address });
        // Another admin added the same name a moment earlier (unique index).
        if (!await db.TrySaveAsync(ModelState, "Input.Name", "本区已有同名孵化基地", ct))
        {
            return Page();
        }
        TempData["Message"] = $"已添加孵化基地：{name}";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return false;
        }
        var streets = await db.Streets.AsNoTracking().Where(s => s.DistrictId == districtId).OrderBy(s => s.Id).ToListAsync(ct);
        Streets = [.. streets.Select(s => (s.Id, s.Name))];
        var bases = await db.IncubationBases.AsNoTracking().Where(b => b.DistrictId == districtId).OrderBy(b => b.Id).ToListAsync(ct);
        var ids = bases.Select(b => b.Id).ToList();
        var counts = await db.IncubationRecords.AsNoTracking().Where(r => ids.Contains(r.BaseId))
            .GroupBy(r => r.BaseId).Select(g => new { g.Key, Count = g.Select(r => r.Uscc).Distinct().Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Bases = [.. bases.Select(b => new BaseRow(b, streets.FirstOrDefault(s => s.Id == b.StreetId)?.Name, counts.GetValueOrDefault(b.Id)))];
        return true;
    }
}
