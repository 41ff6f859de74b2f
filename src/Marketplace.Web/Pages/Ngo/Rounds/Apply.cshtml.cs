using Marketplace.Rounds;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Ngo.Rounds;

/// <summary>An organization proposes a project to an open round of its district; refusals beside each field.</summary>
public sealed class ApplyModel(CurrentTenant tenant, IGrainFactory grains, AppDbContext db) : PageModel
{
    [BindProperty] public ApplyInput Input { get; set; } = new();

    public RoundInfo Round { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (tenant.Uscc is not { } uscc || !await LoadAsync(id))
        {
            return NotFound();
        }
        var (proposal, errors) = Input.Parse();
        if (proposal is not null)
        {
            var name = await db.Organizations.Where(o => o.Uscc == uscc).Select(o => o.Name).SingleOrDefaultAsync(ct) ?? tenant.DisplayName;
            var applied = await grains.GetGrain<IVentureRoundGrain>(id).ApplyAsync(uscc, name, proposal, tenant.UserName);
            if (applied.Succeeded)
            {
                TempData["Notice"] = "项目申报书已提交，申报截止前处于密封状态";
                return RedirectToPage("Index");
            }
            errors = [.. applied.Errors];
        }
        ModelState.AddOutcome(errors, "Input", typeof(ApplyInput));
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var round = await grains.GetGrain<IVentureRoundGrain>(id).GetInfoAsync();
        var district = await OrganizationDistrict.OfAsync(db, tenant.Uscc);
        // Another district's round, or a draft, is not found.
        if (round is null || round.Status == RoundStatus.Draft || round.Organizer.DistrictId != district)
        {
            return false;
        }
        Round = round;
        return true;
    }
}
