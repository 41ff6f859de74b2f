using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Tendering;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Marketplace.Web.Infrastructure.Pages;

namespace Marketplace.Web.Pages.Ngo.Tenders;

/// <summary>
/// An organization's own application to one tender: apply, revise, withdraw before the deadline; after
/// the award its own scores and rank, the winner's total, and a 质疑 form during 公示. Attachments come from
/// the organization's stored documents or are uploaded here (PDF/JPG/PNG, the upload limit).
/// </summary>
// Read to disk up to this size so an oversized file gets a Chinese message instead of a dropped connection;
// the per-file limit is OrganizationOptions.MaxUploadBytes.
[RequestSizeLimit(64L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 64L * 1024 * 1024)]
public sealed class ApplyModel(IGrainFactory grains, AppDbContext db, CurrentTenant tenant, DocumentStore store) : PageModel
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
    /// <summary>Attachments of the current application to keep in the new revision.</summary>
    [BindProperty] public List<Guid> KeepAttachments { get; set; } = [];
    /// <summary>The organization's stored documents to attach (copied as they are now).</summary>
    [BindProperty] public List<Guid> FromDocuments { get; set; } = [];
    [BindProperty] public List<IFormFile> Uploads { get; set; } = [];

    /// <summary>The organization's stored documents offered for attaching while the window is open.</summary>
    public IReadOnlyList<OrganizationDocumentRow> StoredDocuments { get; private set; } = [];

    public string MaxSizeText => store.MaxSizeText;

    private string Uscc => tenant.Uscc ?? "";
    private ITenderGrain Grain(Guid id) => grains.GetGrain<ITenderGrain>(id);

    /// <summary>The receipt of a submission just stored (its revision from the redirect's query), or null.</summary>
    public string? Receipt { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? received)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Own is { Withdrawn: false } own)
        {
            // Only the organization's own application answers the query: another account's link shows nothing of it.
            Receipt = own.Revision == received ? $"申请已提交（第{own.Revision}版）。截止前可修改或撤回，以最后一次提交为准" : null;
            Price = MoneyFormat.Number(own.Proposal.Price);
            (ServicePlan, Team, Experience) = (own.Proposal.ServicePlan, own.Proposal.Team, own.Proposal.Experience);
            SocialWorkers = own.Proposal.CertifiedSocialWorkers.ToString(CultureInfo.InvariantCulture);
            Documents = [.. own.Proposal.Documents];
            KeepAttachments = [.. own.Proposal.Attachments.Select(a => a.Id)];
        }
        else
        {
            Documents = [.. Tender.Notice.RequiredDocuments];
        }
        SubmitKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    /// <summary>
    /// One command (docs/CONVENTIONS "Requests"): the tender is not read first. The grain refuses a draft or an unknown
    /// tender (报名已截止 / 项目不存在) and keeps only the notice's required documents; the refusal's re-render reads the
    /// one view, and a tender the organization may not see is then not found.
    /// </summary>
    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct)
    {
        if (Uscc.Length == 0)
        {
            return NotFound();
        }
        ModelState.Clear();
        var errors = new List<FieldError>();
        var price = FormParse.Money(Price, nameof(Price), errors, "报价：");
        var workers = FormParse.Count(SocialWorkers, nameof(SocialWorkers), errors, "请输入持证社工人数（整数）", max: 10_000);
        if (price is { } p && workers is { } w)
        {
            // The current application matters only for the attachments it keeps: no grain call when none is kept.
            var current = KeepAttachments.Count == 0 ? null : await Grain(id).GetOwnApplicationAsync(Uscc);
            var files = await ApplicationAttachments.CollectAsync(db, store, Uscc, current, KeepAttachments, FromDocuments, Uploads, ct);
            if (!files.Succeeded)
            {
                errors.AddRange(files.Errors);
            }
            else
            {
                var proposal = new ApplicationProposal(p, (ServicePlan ?? "").Trim(), (Team ?? "").Trim(), w, (Experience ?? "").Trim(),
                    [.. Documents.Distinct(StringComparer.Ordinal)]) { Attachments = files.Value!.Attachments };
                // The applicant's name is the directory's: the tender asks the organization for it together with its
                // eligibility, one call instead of two (issue 15, bench/README.md "The rush").
                var result = await Grain(id).SubmitAsync(Uscc, proposal, SubmitKey ?? "", tenant.UserName);
                if (result.Succeeded)
                {
                    // The receipt travels in the redirect's query, not in a TempData cookie protected on every post
                    // (issue 15); the page after it shows it only beside the viewer's own application of that revision.
                    return RedirectToPage(new { id, received = result.Value!.Revision });
                }
                ApplicationAttachments.Discard(store, files.Value.NewFiles);
                errors.AddRange(result.Errors);
            }
        }
        ModelState.AddOutcome(errors, form: GetType(), renames: new Dictionary<string, string>
        {
            [nameof(ApplicationProposal.CertifiedSocialWorkers)] = nameof(SocialWorkers),
            [nameof(ApplicationProposal.Attachments)] = ApplicationAttachments.UploadField,
        });
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id)
    {
        if (!await VisibleAsync(id))
        {
            return NotFound();
        }
        var result = await Grain(id).WithdrawAsync(Uscc, tenant.UserName);
        if (!result.Succeeded)
        {
            ModelState.AddOutcome(result.Errors);
            SubmitKey = Guid.NewGuid().ToString("N");
            await LoadAsync(id);
            return Page();
        }
        TempData["Notice"] = "申请已撤回";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostObjectAsync(Guid id)
    {
        if (!await VisibleAsync(id))
        {
            return NotFound();
        }
        var result = await Grain(id).FileObjectionAsync(Uscc, ObjectionText ?? "");
        if (!result.Succeeded)
        {
            ModelState.Clear();
            await LoadAsync(id);
            // A refusal is shown beside the text box while the form is on the page; otherwise (not an
            // applicant, 公示 not begun or over) at the top, so the reason never vanishes with the form.
            var field = ObjectionFormShown ? nameof(ObjectionText) : "";
            ModelState.AddOutcome(result.Errors, renames: new Dictionary<string, string> { [""] = field, ["Text"] = field });
            return Page();
        }
        TempData["Notice"] = "质疑已提交，街道答复后将通知您";
        return RedirectToPage(new { id });
    }

    /// <summary>
    /// The 质疑 form is offered during 公示 to the applicants, or in a single-source 公示 to any organization
    /// of the district (财政部74号令 Art.40).
    /// </summary>
    public bool ObjectionFormShown => Tender.Status == TenderStatus.Publicity && (Own is not null || Tender.SingleSource is not null);

    /// <summary>The page's one view: the tender, the organization's own application, the published results.</summary>
    private async Task<bool> LoadAsync(Guid id)
    {
        var view = await Grain(id).GetApplicantViewAsync(Uscc);
        if (view is null || view.Info.Status == TenderStatus.Draft || Uscc.Length == 0)
        {
            return false;
        }
        (Tender, Own, Results) = (view.Info, view.Own, view.Results);
        if (Tender.Status == TenderStatus.Published)
        {
            StoredDocuments = await db.OrganizationDocuments.AsNoTracking().Where(d => d.Uscc == Uscc).OrderByDescending(d => d.UploadedAt).ToListAsync();
        }
        return true;
    }

    /// <summary>
    /// Before a command: only whether the organization may see the tender at all (a draft is not found) and
    /// the notice's required documents; the grain checks everything else.
    /// </summary>
    private async Task<bool> VisibleAsync(Guid id)
    {
        var info = await Grain(id).GetInfoAsync();
        if (info is null || info.Status == TenderStatus.Draft || Uscc.Length == 0)
        {
            return false;
        }
        Tender = info;
        return true;
    }
}
