using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Ngo.Tenders;

/// <summary>
/// An organization's own application to one tender: apply, revise, withdraw before the deadline; after
/// the award its own scores and rank, the winner's total, and a 质疑 form during 公示.
/// </summary>
[Authorize(Roles = Roles.Ngo)]
public sealed class ApplyModel(IGrainFactory grains, AppDbContext db) : PageModel
{
    public TenderInfo Tender { get; private set; } = default!;
    public TenderApplication? Own { get; private set; }
    public ImmutableArray<ApplicantResult> Results { get; private set; } = [];

    [BindProperty] public string? Price { get; set; }
    [BindProperty] public string? ServicePlan { get; set; }
    [BindProperty] public string? Team { get; set; }
    [BindProperty] public string? SocialWorkers { get; set; }
    [BindProperty] public string? Experience { get; set; }
    [BindProperty] public List<string> Documents { get; set; } = [];
    /// <summary>One per form rendering: a double click or a retried post stores one application.</summary>
    [BindProperty] public string? SubmitKey { get; set; }
    [BindProperty] public string? ObjectionText { get; set; }

    private string Uscc => User.OrganizationOf() ?? "";
    private ITenderGrain Grain(Guid id) => grains.GetGrain<ITenderGrain>(id);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Own is { Withdrawn: false } own)
        {
            Price = MoneyFormat.Number(own.Proposal.Price);
            (ServicePlan, Team, Experience) = (own.Proposal.ServicePlan, own.Proposal.Team, own.Proposal.Experience);
            SocialWorkers = own.Proposal.CertifiedSocialWorkers.ToString(CultureInfo.InvariantCulture);
            Documents = [.. own.Proposal.Documents];
        }
        else
        {
            Documents = [.. Tender.Notice.RequiredDocuments];
        }
        SubmitKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        ModelState.Clear();
        var errors = new List<FieldError>();
        if (!MoneyFormat.TryParse(Price, out var price, out var priceError))
        {
            errors.Add(new(nameof(Price), "报价：" + priceError));
        }
        if (!int.TryParse(SocialWorkers, NumberStyles.None, CultureInfo.InvariantCulture, out var workers) || workers > 10_000)
        {
            errors.Add(new(nameof(SocialWorkers), "请输入持证社工人数（整数）"));
        }
        if (errors.Count == 0)
        {
            var proposal = new ApplicationProposal(price, (ServicePlan ?? "").Trim(), (Team ?? "").Trim(), workers, (Experience ?? "").Trim(),
                [.. Documents.Where(Tender.Notice.RequiredDocuments.Contains)]);
            // The applicant is the organization as the directory names it, not the person signed in.
            var organization = await db.Organizations.Where(o => o.Uscc == Uscc).Select(o => o.Name).SingleOrDefaultAsync() ?? User.NameOf();
            var result = await Grain(id).SubmitAsync(Uscc, organization, proposal, SubmitKey ?? "", User.Identity?.Name ?? "");
            if (result.Succeeded)
            {
                TempData["Notice"] = $"申请已提交（第{result.Value!.Revision}版）。截止前可修改或撤回，以最后一次提交为准";
                return RedirectToPage(new { id });
            }
            errors.AddRange(result.Errors.Select(e => e.Field == nameof(ApplicationProposal.CertifiedSocialWorkers) ? e with { Field = nameof(SocialWorkers) } : e));
        }
        foreach (var e in errors)
        {
            ModelState.AddModelError(e.Field, e.Message);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var result = await Grain(id).WithdrawAsync(Uscc, User.Identity?.Name ?? "");
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.Errors[0].Message);
            SubmitKey = Guid.NewGuid().ToString("N");
            return Page();
        }
        TempData["Notice"] = "申请已撤回";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostObjectAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var result = await Grain(id).FileObjectionAsync(Uscc, ObjectionText ?? "");
        if (!result.Succeeded)
        {
            ModelState.Clear();
            ModelState.AddModelError(nameof(ObjectionText), result.Errors[0].Message);
            return Page();
        }
        TempData["Notice"] = "质疑已提交，街道答复后将通知您";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var info = await Grain(id).GetInfoAsync();
        if (info is null || info.Status == TenderStatus.Draft || Uscc.Length == 0)
        {
            return false;
        }
        Tender = info;
        Own = await Grain(id).GetOwnApplicationAsync(Uscc);
        Results = await Grain(id).GetPublishedResultsAsync();
        return true;
    }
}
