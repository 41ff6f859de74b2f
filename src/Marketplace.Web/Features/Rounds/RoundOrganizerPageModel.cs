using System.Collections.Immutable;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Features.Rounds;

/// <summary>
/// One round as its organizer runs it — a street (/Street/Rounds) or the district for several streets (/District/Rounds):
/// edit the draft, open it, screen each application with a reason, draw the panel, select, adjust, publish the 立项公示,
/// answer objections, end it and create the contracts. The two pages differ only in who the organizer is and, for the
/// district, its streets; each POST sends one command and shows its refusal at the top, a share's beside that street.
/// </summary>
public abstract class RoundOrganizerPageModel(CurrentTenant tenant, IGrainFactory grains, TimeProvider clock) : PageModel
{
    public RoundOrganizerView View { get; private set; } = default!;

    /// <summary>The draft's form (shown while the round is a draft).</summary>
    [BindProperty] public RoundInput Input { get; set; } = new();

    /// <summary>The district's streets by id for a district round (its share lines), null for a street's round.</summary>
    public IReadOnlyDictionary<long, string>? Streets { get; private set; }

    /// <summary>The signed-in organizer, or null when the user is not one (404).</summary>
    protected abstract RoundOrganizer? Organizer { get; }

    /// <summary>The organizing district's streets for a district round; null for a street's round.</summary>
    protected abstract Task<IReadOnlyDictionary<long, string>?> DistrictStreetsAsync();

    /// <summary>The signed-in user's tenant, which the derived page turns into its organizer.</summary>
    protected CurrentTenant Tenant => tenant;

    private IVentureRoundGrain Round(Guid id) => grains.GetGrain<IVentureRoundGrain>(id);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input = RoundInput.From(View.Info.Settings);
        return Page();
    }

    /// <summary>A draft's settings changed (草稿可修改); bad input stays in the form beside its field, nothing saved.</summary>
    public async Task<IActionResult> OnPostEditAsync(Guid id, int version)
    {
        if (Organizer is not { } organizer)
        {
            return NotFound();
        }
        var streets = await DistrictStreetsAsync();
        var (settings, errors) = Input.Parse(ChinaTime.Year(clock.GetUtcNow()), streets);
        if (settings is not null)
        {
            var edited = await Round(id).EditAsync(organizer, version, settings, tenant.UserName);
            if (edited.Succeeded)
            {
                return RedirectToPage(new { id });
            }
            if (edited.Errors.Any(e => e.Message == "创投不存在"))
            {
                return NotFound();
            }
            errors = [.. edited.Errors];
        }
        ModelState.AddOutcome(errors, "Input", typeof(RoundInput), RoundInput.ErrorFields);
        return await LoadAsync(id) ? Page() : NotFound();
    }

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

    /// <summary>The end of 公示 drafts the contracts itself; this drafts any it could not (a year from today, as there).</summary>
    public Task<IActionResult> OnPostContractsAsync(Guid id)
    {
        var start = ChinaTime.Day(clock.GetUtcNow());
        return ActAsync(id, async o => (await Round(id).CreateContractsAsync(o, start, ContractTerm.LastDay(start, 1), tenant.UserName)).Errors);
    }

    private static async Task<ImmutableArray<FieldError>> Errors(Task<Outcome<RoundInfo>> call) => (await call).Errors;

    /// <summary>One command; success redirects, a refusal re-renders: a street's share beside its line, every other message at the top.</summary>
    private async Task<IActionResult> ActAsync(Guid id, Func<RoundOrganizer, Task<ImmutableArray<FieldError>>> command)
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
        ModelState.AddOutcome(errors.Select(e => e.Field.StartsWith("Shares[", StringComparison.Ordinal) ? e : e with { Field = "" }));
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input = RoundInput.From(View.Info.Settings);
        return Page();
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
        Streets = await DistrictStreetsAsync();
        return true;
    }
}
