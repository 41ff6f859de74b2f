using Marketplace.Domain;
using System.Globalization;
using Marketplace.Organizations;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Infrastructure.Pages;

namespace Marketplace.Web.Pages.District.Organizations;

/// <summary>
/// One organization as its district admin sees it: review (admit / return), suspend, remove, reinstate —
/// each with a reason kept in the history — negative entries and incubation records.
/// </summary>
public sealed class DetailsModel(AppDbContext db, IGrainFactory grains, CurrentTenant tenant) : PageModel
{
    public OrganizationView View { get; private set; } = null!;
    public IReadOnlyList<(long Id, string Name)> Bases { get; private set; } = [];

    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public NegativeForm Negative { get; set; } = new();
    [BindProperty] public IncubationForm Incubation { get; set; } = new();
    [BindProperty] public string? EntryId { get; set; }
    [BindProperty] public string? RevokeReason { get; set; }

    public sealed class NegativeForm
    {
        public string? Source { get; set; }
        public string? Reason { get; set; }
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
        public bool Published { get; set; }
    }

    public sealed class IncubationForm
    {
        public string? BaseId { get; set; }
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
        public string? Mentor { get; set; }
        public string? GraduatedOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string uscc, CancellationToken ct) => await LoadAsync(uscc, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStatusAsync(string uscc, CancellationToken ct)
    {
        if (!await LoadAsync(uscc, ct))
        {
            return NotFound();
        }
        var errors = new List<FieldError>();
        var choice = FormParse.Choice<DirectoryStatus>(To, nameof(Reason), errors, "请选择操作");
        if (choice == DirectoryStatus.Applying)
        {
            errors.Add(new(nameof(Reason), "请选择操作")); // 申请中 is where a registration starts, never a move
        }
        if (errors.Count > 0)
        {
            ModelState.AddOutcome(errors);
            return Page();
        }
        var to = choice!.Value;
        var result = await Grain.ChangeStatusAsync(to, Reason, User.Identity!.Name!);
        if (!result.Succeeded)
        {
            ModelState.AddOutcome(result.Errors, form: GetType());
            return Page();
        }
        TempData["Message"] = $"已将状态改为“{to.Chinese()}”";
        return RedirectToPage(new { uscc = View.Organization.Uscc });
    }

    public async Task<IActionResult> OnPostNegativeAsync(string uscc, CancellationToken ct)
    {
        if (!await LoadAsync(uscc, ct))
        {
            return NotFound();
        }
        const string prefix = nameof(Negative);
        var errors = new List<FieldError>();
        var source = FormParse.Choice<NegativeSource>(Negative.Source, $"{prefix}.Source", errors, "请选择负面信息来源");
        ModelState.AddOutcome(errors);
        var starts = ParseDate(Negative.StartsOn, $"{prefix}.StartsOn", "开始日期", required: true);
        var ends = ParseDate(Negative.EndsOn, $"{prefix}.EndsOn", "结束日期", required: false);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await Grain.AddNegativeEntryAsync(
            new NegativeEntryDraft(source!.Value, Negative.Reason ?? "", starts!.Value, ends, Negative.Published, null), User.Identity!.Name!);
        if (!result.Succeeded)
        {
            ModelState.AddOutcome(result.Errors, prefix, typeof(NegativeForm));
            return Page();
        }
        TempData["Message"] = "已记录负面信息";
        return RedirectToPage(new { uscc = View.Organization.Uscc });
    }

    public async Task<IActionResult> OnPostRevokeAsync(string uscc, CancellationToken ct)
    {
        if (!await LoadAsync(uscc, ct))
        {
            return NotFound();
        }
        if (!Guid.TryParse(EntryId, out var entryId))
        {
            return NotFound();
        }
        var result = await Grain.RevokeNegativeEntryAsync(entryId, RevokeReason ?? "", User.Identity!.Name!);
        if (!result.Succeeded)
        {
            ModelState.AddOutcome(result.Errors, form: GetType(), renames: new Dictionary<string, string> { ["Reason"] = nameof(RevokeReason) });
            return Page();
        }
        TempData["Message"] = "已撤销负面信息";
        return RedirectToPage(new { uscc = View.Organization.Uscc });
    }

    public async Task<IActionResult> OnPostIncubationAsync(string uscc, CancellationToken ct)
    {
        if (!await LoadAsync(uscc, ct))
        {
            return NotFound();
        }
        const string prefix = nameof(Incubation);
        if (!long.TryParse(Incubation.BaseId, NumberStyles.None, CultureInfo.InvariantCulture, out var baseId))
        {
            ModelState.AddModelError($"{prefix}.BaseId", "请选择孵化基地");
        }
        var starts = ParseDate(Incubation.StartsOn, $"{prefix}.StartsOn", "入驻日期", required: true);
        var ends = ParseDate(Incubation.EndsOn, $"{prefix}.EndsOn", "结束日期", required: false);
        var graduated = ParseDate(Incubation.GraduatedOn, $"{prefix}.GraduatedOn", "出壳日期", required: false);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await Grain.AddIncubationRecordAsync(baseId, starts!.Value, ends, Incubation.Mentor ?? "", graduated, User.Identity!.Name!);
        if (!result.Succeeded)
        {
            ModelState.AddOutcome(result.Errors, prefix, typeof(IncubationForm));
            return Page();
        }
        TempData["Message"] = "已添加孵化记录";
        return RedirectToPage(new { uscc = View.Organization.Uscc });
    }

    private IOrganizationGrain Grain => grains.GetGrain<IOrganizationGrain>(View.Organization.Uscc);

    private DateOnly? ParseDate(string? text, string key, string label, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                ModelState.AddModelError(key, $"请填写{label}");
            }
            return null;
        }
        var errors = new List<FieldError>();
        var d = FormParse.Date(text, key, errors, $"{label}格式应为 2026-01-15");
        ModelState.AddOutcome(errors);
        return d;
    }

    private async Task<bool> LoadAsync(string uscc, CancellationToken ct)
    {
        var code = Uscc.Normalise(uscc);
        if (Uscc.FormatError(code) is not null || await OrganizationView.LoadAsync(db, code, ct) is not { } view ||
            !tenant.ManagesDistrict(view.Organization.DistrictId))
        {
            return false;
        }
        View = view;
        Bases = (await db.IncubationBases.AsNoTracking().Where(b => b.DistrictId == view.Organization.DistrictId).OrderBy(b => b.Id)
            .Select(b => new { b.Id, b.Name }).ToListAsync(ct)).Select(b => (b.Id, b.Name)).ToList();
        return true;
    }
}
