using Marketplace.Domain;
using Marketplace.Grid;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Street.Grid;

/// <summary>One matter: every step who/when, and the step the street takes next (分派, 受理, 处置, 办结, 上报上级).</summary>
public sealed class MatterModel(CurrentTenant tenant, IGrainFactory grains) : PageModel
{
    public Matter Item { get; private set; } = new();

    public GridUnit? Grid { get; private set; }

    [BindProperty] public MatterTier Tier { get; set; } = MatterTier.Community;
    [BindProperty] public string? Handler { get; set; }
    [BindProperty] public DateOnly? SolveBy { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Result { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Task<IActionResult> OnGetAsync(Guid id) => ShowAsync(id);

    public Task<IActionResult> OnPostAssignAsync(Guid id) =>
        RunAsync(id, (g, by) => g.AssignAsync(tenant.DistrictId ?? 0, id, Tier, Handler ?? "", SolveBy, by), "事项已分派");

    public Task<IActionResult> OnPostAcceptAsync(Guid id) => RunAsync(id, (g, by) => g.AcceptAsync(id, by), "已受理");

    public Task<IActionResult> OnPostHandleAsync(Guid id) => RunAsync(id, (g, by) => g.HandleAsync(id, Note ?? "", by), "处置情况已记录");

    public Task<IActionResult> OnPostCloseAsync(Guid id) => RunAsync(id, (g, by) => g.CloseAsync(id, Result ?? "", by), "事项已办结");

    public Task<IActionResult> OnPostEscalateAsync(Guid id) => RunAsync(id, (g, by) => g.EscalateAsync(id, Reason ?? "", by), "事项已上报上级");

    private async Task<IActionResult> RunAsync(Guid id, Func<IStreetMattersGrain, string, Task<Outcome>> command, string done)
    {
        if (tenant.StreetId is not { } street)
        {
            return NotFound();
        }
        var outcome = await command(grains.GetGrain<IStreetMattersGrain>(street), tenant.DisplayName);
        if (outcome.Succeeded)
        {
            TempData["Notice"] = done;
            return RedirectToPage(new { id });
        }
        ModelState.Remove(nameof(SolveBy));
        ModelState.AddOutcome(outcome.Errors);
        return await ShowAsync(id);
    }

    private async Task<IActionResult> ShowAsync(Guid id)
    {
        if (tenant.StreetId is not { } street || (await grains.GetGrain<IStreetMattersGrain>(street).GetAsync()).Find(id) is not { } m)
        {
            return NotFound(); // another street's matter is not found
        }
        Item = m;
        Grid = (await grains.GetGrain<IStreetGridGrain>(street).GetAsync()).Find(m.GridNo);
        return Page();
    }
}
