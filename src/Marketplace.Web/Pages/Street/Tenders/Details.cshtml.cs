using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Street.Tenders;

/// <summary>
/// The buying street's view of one tender: publish, extend, close when due, request a panel, confirm the
/// award, answer objections; re-run a failed purchase or switch it to single-source (单一来源).
/// Applications appear only after the deadline (the grain refuses before).
/// </summary>
public sealed class DetailsModel(IGrainFactory grains, AppDbContext db, CurrentTenant tenant) : PageModel
{
    public TenderInfo Tender { get; private set; } = default!;
    public ImmutableArray<ApplicantSummary> Applicants { get; private set; } = [];
    public PanelRecord? Panel { get; private set; }
    public Outcome<ImmutableArray<ApplicantResult>>? Evaluation { get; private set; }
    public ImmutableArray<Objection> Objections { get; private set; } = [];
    /// <summary>Organizations a failed tender may be switched to: its applicants first, then the district's other eligible ones.</summary>
    public List<SingleSourceCandidate> Candidates { get; private set; } = [];
    /// <summary>Names of the organizations that objected (in a single-source 公示 they need not be applicants).</summary>
    public Dictionary<string, string> ObjectorNames { get; private set; } = [];

    [BindProperty] public TenderInput Input { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? PanelSize { get; set; } = "3";
    [BindProperty] public string? Winner { get; set; }
    [BindProperty] public string? Answer { get; set; }
    [BindProperty] public string? SingleSourceUscc { get; set; }
    [BindProperty] public string? SingleSourcePrice { get; set; }
    [BindProperty] public string? SingleSourceReason { get; set; }
    [BindProperty] public string? ReplaceReason { get; set; }

    public sealed record SingleSourceCandidate(string Uscc, string Name, bool Applied);

    private ITenderGrain Grain(Guid id) => grains.GetGrain<ITenderGrain>(id);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input = TenderInput.From(Tender.Notice);
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(Guid id) =>
        ActAsync(id, new StreetTenderCommand.Publish(Version), "公告已发布，报名开始");

    public Task<IActionResult> OnPostCancelAsync(Guid id) =>
        ActAsync(id, new StreetTenderCommand.Cancel(Reason ?? ""), "采购项目已取消");

    public Task<IActionResult> OnPostCloseAsync(Guid id) =>
        ActAsync(id, new StreetTenderCommand.Close(), "报名已截止");

    public async Task<IActionResult> OnPostUpdateAsync(Guid id)
    {
        if (Input.ApplyRowCommand())
        {
            // A criterion row added or removed: the 修改公告 form again, open, with the rows as changed; nothing saved.
            if (!await LoadAsync(id))
            {
                return NotFound();
            }
            ModelState.Clear();
            EditRefused = true;
            return Page();
        }
        // The catalog item and the provider types are the tender's own: the grain keeps them, the form has neither.
        var (notice, errors) = Input.ToNotice(Guid.Empty, []);
        if (notice is null)
        {
            return await RefusedAsync(id, [.. errors.Select(e => e with { Field = "Input." + e.Field })], keepsInput: true);
        }
        return await ActAsync(id, new StreetTenderCommand.UpdateNotice(Version, notice),
            "公告已修改；距截止不足3天的，截止时间已顺延并通知申请单位", keepsInput: true, field: f => f.Length == 0 ? "" : "Input." + f);
    }

    public Task<IActionResult> OnPostPanelAsync(Guid id) =>
        ActAsync(id, new StreetTenderCommand.RequestPanel(PanelSize), "评审专家已随机抽取，等待专家声明无利害关系",
            field: f => f == "Size" ? nameof(PanelSize) : f);

    /// <summary>补抽 (财库〔2016〕198号): a member who has not declared, or whom the district disabled, gives his seat to the next in the recorded order.</summary>
    public Task<IActionResult> OnPostReplaceAsync(Guid id, Guid expertId) =>
        ActAsync(id, new StreetTenderCommand.ReplaceMember(expertId, ReplaceReason), "已按记录的随机抽取顺序补抽评审专家");

    /// <summary>重新抽取: seats the recorded order could not fill are drawn afresh from experts added to or re-enabled in the pool since.</summary>
    public Task<IActionResult> OnPostRedrawAsync(Guid id) =>
        ActAsync(id, new StreetTenderCommand.RedrawPanel(), "已重新抽取评审专家，等待新抽取的专家声明无利害关系");

    public Task<IActionResult> OnPostAwardAsync(Guid id) =>
        ActAsync(id, new StreetTenderCommand.ConfirmAward(Winner ?? "", Reason), "中标结果已公示",
            field: f => f == "NotTopReason" ? nameof(Reason) : f);

    public async Task<IActionResult> OnPostRerunAsync(Guid id)
    {
        var newId = Guid.NewGuid();
        var result = await SendAsync(id, new StreetTenderCommand.Rerun(newId));
        if (result is not { NotFound: false })
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            return await RefusedAsync(id, result.Errors);
        }
        TempData["Notice"] = "已按原公告生成新的采购草稿，请核对报名时间后发布";
        return RedirectToPage(new { id = newId });
    }

    public Task<IActionResult> OnPostSingleSourceAsync(Guid id) =>
        ActAsync(id, new StreetTenderCommand.SwitchToSingleSource(SingleSourceUscc ?? "", SingleSourcePrice, SingleSourceReason ?? ""),
            "已转为单一来源采购，单一来源公示已发布", field: f => f switch
            {
                "Uscc" => nameof(SingleSourceUscc),
                "Price" => nameof(SingleSourcePrice),
                "Reason" => nameof(SingleSourceReason),
                _ => f,
            });

    public Task<IActionResult> OnPostAnswerAsync(Guid id, Guid objectionId) =>
        ActAsync(id, new StreetTenderCommand.AnswerObjection(objectionId, Answer ?? ""), "质疑已答复");

    /// <summary>True after a refused 修改公告: the form opens with the official's text and the reasons beside it.</summary>
    public bool EditRefused { get; private set; }

    /// <summary>The version the official saw (hidden on the publish and 修改公告 forms): a stale one is refused by the grain.</summary>
    [BindProperty] public int? Version { get; set; }

    /// <summary>
    /// One grain call per POST: the command carries the caller's street, and the grain answers another
    /// street's tender as not found (404); the page repeats none of the grain's checks. Only a refusal reads
    /// the page's view again, to re-render it with the reasons.
    /// </summary>
    /// <param name="keepsInput">
    /// True for 修改公告, whose refusal re-shows what the official typed; every other refusal re-shows the
    /// notice's own values (weights included) in that form, never the blank defaults.
    /// </param>
    /// <param name="field">The grain's field name as this page's form names it.</param>
    private async Task<IActionResult> ActAsync(Guid id, StreetTenderCommand command, string done, bool keepsInput = false, Func<string, string>? field = null)
    {
        var result = await SendAsync(id, command);
        if (result is not { NotFound: false })
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Notice"] = done;
            return RedirectToPage(new { id });
        }
        return await RefusedAsync(id, [.. result.Errors.Select(e => field is null ? e : e with { Field = field(e.Field) })], keepsInput);
    }

    private async Task<StreetCommandResult?> SendAsync(Guid id, StreetTenderCommand command) =>
        tenant.StreetId is { } street ? await Grain(id).ActAsStreetAsync(new StreetCaller(street, tenant.DisplayName), command) : null;

    /// <summary>
    /// Notice fields ("Input.X") go beside the 修改公告 inputs, renamed as the form names them; other fields
    /// beside this page's own inputs; anything else (a budget refusal, 资金来源's source) to the top.
    /// </summary>
    private async Task<IActionResult> RefusedAsync(Guid id, ImmutableArray<FieldError> errors, bool keepsInput = false)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        ModelState.Clear();
        var notice = errors.Where(e => e.Field.StartsWith("Input.", StringComparison.Ordinal)).Select(e => e with { Field = e.Field["Input.".Length..] }).ToList();
        ModelState.AddOutcome(notice, nameof(Input), typeof(TenderInput), TenderInput.FieldNames);
        ModelState.AddOutcome(errors.Where(e => !e.Field.StartsWith("Input.", StringComparison.Ordinal)), form: GetType());
        EditRefused = keepsInput;
        if (!keepsInput)
        {
            Input = TenderInput.From(Tender.Notice);
        }
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var view = await Grain(id).GetStreetViewAsync();
        if (view is null || !tenant.OwnsStreet(view.Info.StreetId))
        {
            return false;
        }
        var info = Tender = view.Info;
        Applicants = view.Applicants;
        Panel = view.Panel;
        Evaluation = view.Evaluation;
        Objections = view.Objections;
        var objectors = Objections.Select(o => o.Uscc).Distinct().ToList();
        ObjectorNames = objectors.Count == 0 ? [] : await db.Organizations.AsNoTracking().Where(o => objectors.Contains(o.Uscc)).ToDictionaryAsync(o => o.Uscc, o => o.Name);
        if (info is { Status: TenderStatus.Failed, RerunAs: null, SingleSource: null })
        {
            await LoadCandidatesAsync(info);
        }
        return true;
    }

    /// <summary>
    /// 已入库 organizations of the district with an allowed type and enough certified social workers; the
    /// grain checks each choice again (negative entries included), so this list only saves a wrong pick.
    /// </summary>
    private async Task LoadCandidatesAsync(TenderInfo info)
    {
        var rule = info.Notice.Eligibility;
        var types = rule.ProviderTypes.ToList();
        var admitted = new DirectoryQueries.Filter
        {
            DistrictId = info.DistrictId, Status = DirectoryStatus.Admitted, MinSocialWorkers = rule.MinimumCertifiedSocialWorkers,
        };
        var organizations = await DirectoryQueries.Apply(db, admitted).Where(o => types.Contains(o.Type))
            .Select(o => new { o.Uscc, o.Name }).ToListAsync();
        var applied = Applicants.Select(a => a.Uscc).ToHashSet();
        Candidates = [.. organizations.Select(o => new SingleSourceCandidate(o.Uscc, o.Name, applied.Contains(o.Uscc)))
            .OrderByDescending(c => c.Applied).ThenBy(c => c.Name, StringComparer.Ordinal)];
    }
}
