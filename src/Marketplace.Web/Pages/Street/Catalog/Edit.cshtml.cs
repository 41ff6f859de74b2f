using Marketplace.Catalog;
using Marketplace.Domain;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Infrastructure.Pages;

namespace Marketplace.Web.Pages.Street.Catalog;

/// <summary>Creates (no id) or edits a transfer item of the official's own street.</summary>
public sealed class EditModel(IGrainFactory grains, AppDbContext db, CurrentTenant tenant) : PageModel
{
    [BindProperty] public TransferItemInput Input { get; set; } = new();

    public Guid? ItemId { get; private set; }
    public TransferItemStatus? Status { get; private set; }
    public List<SelectListItem> GuidingEntries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (tenant.StreetId is not { } streetId)
        {
            return NotFound(); // no street of one's own: nothing here is the user's
        }
        if (id is { } itemId)
        {
            var item = await grains.GetGrain<IStreetCatalogGrain>(streetId).GetItemAsync(itemId);
            if (item is null)
            {
                return NotFound();
            }
            Input = TransferItemInput.From(item);
            (ItemId, Status) = (item.Id, item.Status);
        }
        await LoadChoicesAsync(streetId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        if (tenant.StreetId is not { } streetId)
        {
            return NotFound(); // no street of one's own: nothing here is the user's
        }
        var grain = grains.GetGrain<IStreetCatalogGrain>(streetId);
        if (id is { } itemId)
        {
            var existing = await grain.GetItemAsync(itemId);
            if (existing is null)
            {
                return NotFound();
            }
            (ItemId, Status) = (existing.Id, existing.Status);
        }
        // Binder errors (e.g. an unknown provider type value) are replaced by our own messages below.
        ModelState.Clear();
        var area = await AreaOfGuidingEntryAsync(streetId, Input.GuidingEntryCode, ct);
        var (draft, parseError) = Input.ToDraft(area ?? "");
        if (parseError is not null || area is null)
        {
            // Check the other fields too, so every problem shows at once.
            var errors = CatalogRules.Validate(CatalogRules.Normalise(Input.ToDraftIgnoringBudget(area ?? "")), await AreaCodesAsync(ct))
                .Where(e => e.Field != nameof(TransferItemDraft.ReferenceBudget)).ToList();
            if (area is null)
            {
                errors.Add(new(nameof(TransferItemDraft.GuidingEntryCode), string.IsNullOrWhiteSpace(Input.GuidingEntryCode)
                    ? "请选择所属指导性目录条目" : "所选条目不在本区政府购买服务指导性目录中"));
            }
            if (parseError is not null)
            {
                errors.Add(parseError);
            }
            return await ShowErrorsAsync(streetId, errors, ct);
        }
        var outcome = ItemId is { } existingId
            ? await grain.UpdateAsync(existingId, Input.Version, draft!, tenant.DisplayName)
            : await grain.CreateAsync(draft!, tenant.DisplayName);
        if (!outcome.Succeeded)
        {
            return await ShowErrorsAsync(streetId, outcome.Errors, ct);
        }
        TempData["Notice"] = ItemId is null ? "事项已保存为草稿，发布后公众可见" : "修改已保存";
        return RedirectToPage("Index");
    }

    private async Task<IActionResult> ShowErrorsAsync(long streetId, IEnumerable<FieldError> errors, CancellationToken ct)
    {
        // The service area follows from the guiding entry, whose own message already covers it.
        ModelState.AddOutcome(errors.Where(e => e.Field != nameof(TransferItemDraft.ServiceAreaCode)), nameof(Input));
        await LoadChoicesAsync(streetId, ct);
        return Page();
    }

    private async Task<HashSet<string>> AreaCodesAsync(CancellationToken ct) =>
        (await db.ServiceAreas.Select(a => a.Code).ToListAsync(ct)).ToHashSet();

    private Task<string?> AreaOfGuidingEntryAsync(long streetId, string? code, CancellationToken ct) =>
        db.GuidingCatalogEntries
            .Where(g => g.Code == code && g.Active && db.Streets.Any(s => s.Id == streetId && s.DistrictId == g.DistrictId))
            .Select(g => g.ServiceAreaCode).SingleOrDefaultAsync(ct);

    private async Task LoadChoicesAsync(long streetId, CancellationToken ct)
    {
        var districtId = await db.Streets.Where(s => s.Id == streetId).Select(s => s.DistrictId).SingleAsync(ct);
        GuidingEntries = await (from g in db.GuidingCatalogEntries
                                join a in db.ServiceAreas on g.ServiceAreaCode equals a.Code
                                where g.DistrictId == districtId && g.Active
                                orderby g.Code
                                select new SelectListItem($"{g.Code} {g.Name}（{a.Name}）", g.Code, g.Code == Input.GuidingEntryCode))
            .ToListAsync(ct);
    }
}
