using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Street.Rounds;

/// <summary>
/// One round of the street: open it, screen each application with a reason, draw the panel, select, adjust,
/// publish the 立项公示, end it and create the contracts. Each POST sends one command and shows its refusal at the top.
/// </summary>
public sealed class DetailsModel(CurrentTenant tenant, IGrainFactory grains, TimeProvider clock) : PageModel
{
    public RoundOrganizerView View { get; private set; } = default!;

    private RoundOrganizer? Organizer => tenant.StreetId is { } s && tenant.DistrictId is { } d ? new RoundOrganizer(d, s) : null;

    private IVentureRoundGrain Round(Guid id) => grains.GetGrain<IVentureRoundGrain>(id);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostOpenAsync(Guid id, int version) =>
        ActAsync(id, o => Errors(Round(id).OpenAsync(o, version, tenant.UserName)));

    public Task<IActionResult> OnPostScreenAsync(Guid id, Guid applicationId, bool passed, string? reason) =>
        ActAsync(id, async o => (await Round(id).ScreenAsync(o, applicationId, passed, reason ?? "", tenant.UserName)).Errors);

    public Task<IActionResult> OnPostPanelAsync(Guid id, int size, string? field) =>
        ActAsync(id, async o => (await Round(id).DrawPanelAsync(o, size, field ?? "", tenant.UserName)).Errors);

    public Task<IActionResult> OnPostSelectAsync(Guid id) =>
        ActAsync(id, async o => (await Round(id).SelectAsync(o, tenant.UserName)).Errors);

    public Task<IActionResult> OnPostAdjustAsync(Guid id, Guid applicationId, string? amount, string? reason) =>
        ActAsync(id, async o => MoneyFormat.TryParse(amount, out var m, out var error)
            ? (await Round(id).AdjustAsync(o, applicationId, m, reason ?? "", tenant.UserName)).Errors
            : [new FieldError("", "调整后的资助金额：" + error)]);

    public Task<IActionResult> OnPostPublishAsync(Guid id) =>
        ActAsync(id, o => Errors(Round(id).PublishSelectionAsync(o, tenant.UserName)));

    /// <summary>The organizer's answer to an objection; an upheld one withdraws that project's funding and the next eligible project moves up.</summary>
    public Task<IActionResult> OnPostAnswerAsync(Guid id, int no, bool upheld, string? answer) =>
        ActAsync(id, async o => (await Round(id).DecideObjectionAsync(o, no, upheld, answer ?? "", tenant.UserName)).Errors);

    /// <summary>A funded project whose contract is never signed: the draft ends and its money goes back to available.</summary>
    public Task<IActionResult> OnPostReleaseAsync(Guid id, Guid applicationId, string? reason) =>
        ActAsync(id, async o => (await Round(id).ReleaseUnsignedAsync(o, applicationId, reason ?? "", tenant.UserName)).Errors);

    public Task<IActionResult> OnPostEndPublicityAsync(Guid id) =>
        ActAsync(id, o => Errors(Round(id).EndPublicityAsync(o, tenant.UserName)));

    public Task<IActionResult> OnPostContractsAsync(Guid id)
    {
        var start = ChinaTime.Day(clock.GetUtcNow());
        return ActAsync(id, async o => (await Round(id).CreateContractsAsync(o, start, start.AddYears(1).AddDays(-1), tenant.UserName)).Errors);
    }

    private static async Task<System.Collections.Immutable.ImmutableArray<FieldError>> Errors(Task<Outcome<RoundInfo>> call) => (await call).Errors;

    /// <summary>One command; success redirects, a refusal re-renders with every message at the top.</summary>
    private async Task<IActionResult> ActAsync(Guid id, Func<RoundOrganizer, Task<System.Collections.Immutable.ImmutableArray<FieldError>>> command)
    {
        if (Organizer is not { } organizer)
        {
            return NotFound();
        }
        var errors = await command(organizer);
        if (errors.IsDefaultOrEmpty)
        {
            return RedirectToPage(new { id });
        }
        if (errors.Any(e => e.Message == "创投不存在"))
        {
            return NotFound();
        }
        ModelState.AddOutcome(errors.Select(e => e with { Field = "" }));
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (Organizer is not { } organizer)
        {
            return false;
        }
        var view = await Round(id).GetOrganizerViewAsync(organizer);
        if (!view.Succeeded)
        {
            return false;
        }
        View = view.Value!;
        return true;
    }
}
