using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Ngo.Rounds;

/// <summary>
/// A round of the organization's district as the organization takes part in it: accept or decline an adjusted
/// amount of its own project (before the contract), and during 立项公示 object to a funded project (any of the
/// district's organizations) and read the organizer's answer. Each POST sends one command; a refusal shows at the top.
/// </summary>
public sealed class DetailsModel(CurrentTenant tenant, IGrainFactory grains, AppDbContext db) : PageModel
{
    public RoundPublicView Round { get; private set; } = default!;

    public RoundApplicantView Mine { get; private set; } = default!;

    private IVentureRoundGrain Grain(Guid id) => grains.GetGrain<IVentureRoundGrain>(id);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostRespondAsync(Guid id, Guid applicationId, bool accept) =>
        ActAsync(id, uscc => Grain(id).RespondAdjustmentAsync(uscc, applicationId, accept, tenant.UserName),
            accept ? "已接受调整后的资助金额" : "已放弃调整后的资助金额，资金将依次递补给下一个项目");

    public Task<IActionResult> OnPostObjectAsync(Guid id, Guid applicationId, string? text) =>
        ActAsync(id, uscc => Grain(id).ObjectAsync(uscc, applicationId, text ?? "", tenant.UserName), "异议已提交，请等待组织方答复");

    private async Task<IActionResult> ActAsync(Guid id, Func<string, Task<Outcome>> command, string done)
    {
        if (tenant.Uscc is not { } uscc || !await LoadAsync(id))
        {
            return NotFound();
        }
        var outcome = await command(uscc);
        if (outcome.Succeeded)
        {
            TempData["Notice"] = done;
            return RedirectToPage(new { id });
        }
        ModelState.AddOutcome(outcome.Errors.Select(e => e with { Field = "" }));
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        // Only the organization's own district's rounds (objections are open to the district's organizations); a draft is not found.
        if (tenant.Uscc is not { } uscc || await Grain(id).GetPublicAsync() is not { } round
            || round.Info.Organizer.DistrictId != await OrganizationDistrict.OfAsync(db, uscc))
        {
            return false;
        }
        Round = round;
        Mine = await Grain(id).GetApplicantViewAsync(uscc);
        return true;
    }

    public static string Answer(RoundObjection o) => o.Upheld switch
    {
        null => "待答复",
        true => "异议成立：" + o.Answer,
        false => "异议不成立：" + o.Answer,
    };

    public static ImmutableArray<RoundApplication> Pending(RoundApplicantView v) =>
        [.. v.Applications.Where(a => v.Adjustments.GetValueOrDefault(a.Id) is { Response: AdjustmentResponse.Pending })];
}
