using Marketplace.Catalog;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Street.Catalog;

/// <summary>
/// The signed-in street official's own catalog. Every lookup goes through the grain of the user's own
/// street, so an item of another street is simply not found (404).
/// </summary>
public sealed class IndexModel(IGrainFactory grains, AppDbContext db, CurrentTenant tenant) : PageModel
{
    public IReadOnlyList<TransferItem> Items { get; private set; } = [];
    public string StreetName { get; private set; } = "";
    public IReadOnlyDictionary<string, string> AreaNames { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.StreetId is not { } streetId)
        {
            return NotFound(); // no street of one's own: nothing here is the user's
        }
        await LoadAsync(streetId, ct);
        return Page();
    }

    private async Task LoadAsync(long streetId, CancellationToken ct)
    {
        StreetName = await db.Streets.Where(s => s.Id == streetId).Select(s => s.Name).SingleAsync(ct);
        AreaNames = await db.ServiceAreas.ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        Items = await grains.GetGrain<IStreetCatalogGrain>(streetId).GetItemsAsync();
    }

    public Task<IActionResult> OnPostPublishAsync(Guid id, int version) =>
        ChangeAsync(id, (g, user) => g.PublishAsync(id, version, user), "已发布，公众现在可以在转移事项目录中看到该事项");

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, int version) =>
        ChangeAsync(id, (g, user) => g.WithdrawAsync(id, version, user), "已撤回，该事项不再公开");

    private async Task<IActionResult> ChangeAsync(Guid id, Func<IStreetCatalogGrain, string, Task<Marketplace.Domain.Outcome<TransferItem>>> change, string done)
    {
        if (tenant.StreetId is not { } streetId)
        {
            return NotFound(); // no street of one's own: nothing here is the user's
        }
        var grain = grains.GetGrain<IStreetCatalogGrain>(streetId);
        if (await grain.GetItemAsync(id) is null)
        {
            return NotFound();
        }
        var outcome = await change(grain, tenant.DisplayName);
        if (!outcome.Succeeded)
        {
            // A stale version or a second click: the reason at the top of the re-rendered list.
            ModelState.AddOutcome(outcome.Errors);
            await LoadAsync(streetId, HttpContext.RequestAborted);
            return Page();
        }
        TempData["Notice"] = done;
        return RedirectToPage();
    }
}
