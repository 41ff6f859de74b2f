using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Tendering;
using Marketplace.Web.Infrastructure.Pages;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Ngo.Contracts;

/// <summary>
/// The organization's view of its contract: sign with the receiving account, file reports with the self-evaluation
/// and their attachments (from its stored documents or uploaded, as for applications: ADR 0012), appeal.
/// </summary>
// As on the apply page: read to disk up to this size so an oversized file gets a Chinese message (OrganizationOptions.MaxUploadBytes per file).
[RequestSizeLimit(64L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 64L * 1024 * 1024)]
public sealed class DetailsModel(IGrainFactory grains, AppDbContext db, DocumentStore store, CurrentTenant tenant) : PageModel
{
    public ContractState Contract { get; private set; } = default!;

    [BindProperty] public string? Bank { get; set; }
    [BindProperty] public string? AccountName { get; set; }
    [BindProperty] public string? AccountNumber { get; set; }
    [BindProperty] public int TrancheNo { get; set; }
    [BindProperty] public string? PeopleServed { get; set; }
    [BindProperty] public string? Activities { get; set; }
    [BindProperty] public Dictionary<string, string?> Units { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Scores { get; set; } = [];
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? AppealText { get; set; }
    /// <summary>The organization's stored documents to attach to the report (copied as they are now).</summary>
    [BindProperty] public List<Guid> FromDocuments { get; set; } = [];
    [BindProperty] public List<IFormFile> Uploads { get; set; } = [];

    /// <summary>The organization's stored documents, offered while a report can be filed.</summary>
    public IReadOnlyList<OrganizationDocumentRow> StoredDocuments { get; private set; } = [];

    public string MaxSizeText => store.MaxSizeText;

    /// <summary>A report can be filed now: an evaluation is open on a contract in service.</summary>
    public bool ReportFormShown => Open is not null && Contract.Status is not (ContractStatus.Drafted or ContractStatus.Terminated or ContractStatus.Closed);

    private IContractGrain Grain(Guid id) => grains.GetGrain<IContractGrain>(id);

    /// <summary>The tranche whose evaluation is open for a report now (the earliest undecided).</summary>
    public ContractEvaluation? Open => Contract.Tranches.Select(t => Contract.EvaluationOf(t.No)).FirstOrDefault(e => e is { Decided: false });

    public SourceSheet SelfSheet => Contract.Sheets.Single(s => s.Source == EvaluationSource.Self);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostSignAsync(Guid id) =>
        ActAsync(id, async (g, uscc) => (await g.SignAsOrganizationAsync(uscc, new BankAccount(Bank ?? "", AccountName ?? "", AccountNumber ?? ""), tenant.DisplayName)).Errors,
            "合同已签订");

    public Task<IActionResult> OnPostReportAsync(Guid id) =>
        ActAsync(id, async (g, uscc) =>
        {
            if (!int.TryParse(PeopleServed, CultureInfo.InvariantCulture, out var people) || !int.TryParse(Activities, CultureInfo.InvariantCulture, out var activities))
            {
                return [new FieldError("PeopleServed", "请填写服务人次和活动次数（整数）")];
            }
            var units = ImmutableDictionary.CreateBuilder<string, int>();
            // Only the contract's own units: with no unit fields posted, the binder falls back to every form field.
            foreach (var (code, text) in Units.Where(u => Contract.Units.Any(x => x.Code == u.Key)))
            {
                if (!int.TryParse(text, CultureInfo.InvariantCulture, out var n))
                {
                    return [new FieldError("UnitsDelivered", "完成的服务单元数量应为整数")];
                }
                units[code] = n;
            }
            var scores = ImmutableDictionary.CreateBuilder<string, decimal>();
            foreach (var (code, text) in Scores)
            {
                if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var s))
                {
                    return [new FieldError(code, "请填写自评分（数字）")];
                }
                scores[code] = s;
            }
            var files = await ApplicationAttachments.CollectAsync(db, store, uscc, [], FromDocuments, Uploads, HttpContext.RequestAborted, "每份报告");
            if (!files.Succeeded)
            {
                return files.Errors;
            }
            var report = new ReportDraft(TrancheNo, people, activities, units.ToImmutable(), Summary ?? "", files.Value!.Attachments, scores.ToImmutable());
            var filed = await g.FileReportAsync(uscc, report, tenant.DisplayName);
            if (!filed.Succeeded)
            {
                ApplicationAttachments.Discard(store, files.Value.NewFiles); // a refused report leaves no file behind
            }
            return [.. filed.Errors.Select(e => e.Field == nameof(ReportDraft.Attachments) ? e with { Field = ApplicationAttachments.UploadField } : e)];
        }, "进度报告及自评已提交");

    public Task<IActionResult> OnPostAppealAsync(Guid id) =>
        ActAsync(id, async (g, uscc) => (await g.FileAppealAsync(uscc, AppealText ?? "", tenant.DisplayName)).Errors
            .Select(e => e with { Field = e.Field == "Text" ? nameof(AppealText) : e.Field }).ToImmutableArray(), "申诉已提交，等待区里处理");

    private Task<IActionResult> ActAsync(Guid id, Func<IContractGrain, string, Task<ImmutableArray<FieldError>>> act, string done) =>
        this.ActAsync(id, LoadAsync, () => act(Grain(id), Contract.Uscc), done);

    private async Task<bool> LoadAsync(Guid id)
    {
        var contract = await Grain(id).GetAsync();
        if (contract is null || !tenant.OwnsOrganization(contract.Uscc))
        {
            return false; // another organization's contract (and its reports) is not found
        }
        Contract = contract;
        if (ReportFormShown)
        {
            StoredDocuments = await db.OrganizationDocuments.AsNoTracking().Where(d => d.Uscc == contract.Uscc).OrderByDescending(d => d.UploadedAt).ToListAsync();
        }
        return true;
    }
}
