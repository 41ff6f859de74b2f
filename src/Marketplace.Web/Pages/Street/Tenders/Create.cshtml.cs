using Marketplace.Domain;
using Marketplace.Catalog;
using Marketplace.Tendering;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Marketplace.Web.Infrastructure.Pages;

namespace Marketplace.Web.Pages.Street.Tenders;

/// <summary>Creates a purchase notice (draft) from one of the street's published transfer items.</summary>
public sealed class CreateModel(IGrainFactory grains, TimeProvider clock, CurrentTenant tenant) : PageModel
{
    [BindProperty] public TenderInput Input { get; set; } = new();

    public TransferItem Item { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid itemId)
    {
        if (await ItemAsync(itemId) is not { } item)
        {
            return NotFound();
        }
        Item = item;
        var now = clock.GetUtcNow();
        Input.Title = item.Fields.Title;
        Input.Ceiling = MoneyFormat.Number(item.Fields.ReferenceBudget);
        Input.Funding[0] = Input.Ceiling;
        Input.Requirements = item.Fields.Requirements;
        Input.Criteria = CriterionRows.Default();
        Input.OpensAt = TenderInput.Local(now);
        Input.Deadline = TenderInput.Local(now.AddDays(20));
        var (start, end) = TenderInput.DefaultServicePeriod(ChinaTime.Day(now.AddDays(20)));
        Input.ServiceStart = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Input.ServiceEnd = end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid itemId)
    {
        if (await ItemAsync(itemId) is not { } item || tenant.StreetId is not { } streetId || tenant.DistrictId is not { } districtId)
        {
            return NotFound();
        }
        Item = item;
        ModelState.Clear();
        if (Input.ApplyRowCommand())
        {
            return Page(); // a row added or removed: the form again, nothing saved
        }
        var (notice, errors) = Input.ToNotice(item.Id, item.Fields.ProviderTypes);
        if (notice is null)
        {
            return Errors(errors);
        }
        var id = Guid.NewGuid();
        var created = await grains.GetGrain<ITenderGrain>(id).CreateAsync(streetId, districtId, notice, tenant.DisplayName);
        if (!created.Succeeded)
        {
            return Errors(created.Errors);
        }
        TempData["Notice"] = "采购公告已保存为草稿，发布后开始报名";
        return RedirectToPage("Details", new { id });
    }

    private IActionResult Errors(IEnumerable<Marketplace.Domain.FieldError> errors)
    {
        ModelState.AddOutcome(errors, nameof(Input), typeof(TenderInput), TenderInput.FieldNames);
        return Page();
    }

    private async Task<TransferItem?> ItemAsync(Guid itemId) =>
        tenant.StreetId is { } streetId && await grains.GetGrain<IStreetCatalogGrain>(streetId).GetItemAsync(itemId) is { Status: TransferItemStatus.Published } item
            ? item : null;
}
