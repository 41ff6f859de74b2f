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
        ActAsync(id, async g => (await g.PublishAsync(Tender.Version, tenant.DisplayName)).Errors, "公告已发布，报名开始");

    public Task<IActionResult> OnPostCancelAsync(Guid id) =>
        ActAsync(id, async g => (await g.CancelAsync(Reason ?? "", tenant.DisplayName)).Errors, "采购项目已取消");

    public Task<IActionResult> OnPostCloseAsync(Guid id) =>
        ActAsync(id, async g =>
        {
            var result = await g.CloseAsync();
            return result.Succeeded && result.Value!.Status == TenderStatus.Published
                ? [new FieldError("", "尚未到报名截止时间")] : result.Errors;
        }, "报名已截止");

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
        return await UpdateAsync(id);
    }

    private Task<IActionResult> UpdateAsync(Guid id) =>
        ActAsync(id, async g =>
        {
            var (notice, errors) = Input.ToNotice(Tender.Notice.TransferItemId, Tender.Notice.Eligibility.ProviderTypes);
            if (notice is null)
            {
                return [.. errors.Select(e => e with { Field = "Input." + e.Field })];
            }
            var result = await g.UpdateNoticeAsync(Tender.Version, notice, tenant.DisplayName);
            return [.. result.Errors.Select(e => e with { Field = e.Field.Length == 0 ? "" : "Input." + e.Field })];
        }, "公告已修改；距截止不足3天的，截止时间已顺延并通知申请单位", keepsInput: true);

    public Task<IActionResult> OnPostPanelAsync(Guid id) =>
        ActAsync(id, async g =>
        {
            // The size box is on the page only once registration has closed; before that the grain's
            // reason (报名截止后才能抽取评审专家) is the one to show, not an error beside an absent box.
            if (Tender.Status == TenderStatus.Closed && (!int.TryParse(PanelSize, out var size) || size < 1 || size > 99))
            {
                return [new FieldError(nameof(PanelSize), "请输入评审小组人数（单数，至少3人）")];
            }
            return (await g.RequestPanelAsync(int.TryParse(PanelSize, out size) ? size : 0, tenant.DisplayName)).Errors;
        }, "评审专家已随机抽取，等待专家声明无利害关系");

    /// <summary>补抽 (财库〔2016〕198号): a member who has not declared, or whom the district disabled, gives his seat to the next in the recorded order.</summary>
    public Task<IActionResult> OnPostReplaceAsync(Guid id, Guid expertId) =>
        ActAsync(id, async g => (await g.ReplaceMemberAsync(expertId, ReplaceReason, tenant.DisplayName)).Errors, "已按记录的随机抽取顺序补抽评审专家");

    /// <summary>重新抽取: seats the recorded order could not fill are drawn afresh from experts added to or re-enabled in the pool since.</summary>
    public Task<IActionResult> OnPostRedrawAsync(Guid id) =>
        ActAsync(id, async g => (await g.RedrawPanelAsync(tenant.DisplayName)).Errors, "已重新抽取评审专家，等待新抽取的专家声明无利害关系");

    public Task<IActionResult> OnPostAwardAsync(Guid id) =>
        ActAsync(id, async g => (await g.ConfirmAwardAsync(Winner ?? "", Reason, tenant.DisplayName)).Errors.Select(e => e with { Field = e.Field == "NotTopReason" ? nameof(Reason) : e.Field }).ToImmutableArray(),
            "中标结果已公示");

    public async Task<IActionResult> OnPostRerunAsync(Guid id)
    {
        if (!await OwnAsync(id))
        {
            return NotFound();
        }
        var newId = Guid.NewGuid();
        var result = await Grain(id).RerunAsync(newId, tenant.DisplayName);
        if (!result.Succeeded)
        {
            ModelState.AddOutcome(result.Errors);
            await LoadAsync(id);
            Input = TenderInput.From(Tender.Notice);
            return Page();
        }
        TempData["Notice"] = "已按原公告生成新的采购草稿，请核对报名时间后发布";
        return RedirectToPage(new { id = newId });
    }

    public Task<IActionResult> OnPostSingleSourceAsync(Guid id) =>
        ActAsync(id, async g =>
        {
            // As for the panel: the price box is shown for a failed purchase only; otherwise the grain says why.
            if (!MoneyFormat.TryParse(SingleSourcePrice, out var price, out var priceError) && Tender.Status == TenderStatus.Failed)
            {
                return [new FieldError(nameof(SingleSourcePrice), "成交价格：" + priceError)];
            }
            var result = await g.SwitchToSingleSourceAsync(SingleSourceUscc ?? "", price, SingleSourceReason ?? "", tenant.DisplayName);
            return [.. result.Errors.Select(e => e with
            {
                Field = e.Field switch
                {
                    "Uscc" => nameof(SingleSourceUscc),
                    "Price" => nameof(SingleSourcePrice),
                    "Reason" => nameof(SingleSourceReason),
                    _ => e.Field,
                },
            })];
        }, "已转为单一来源采购，单一来源公示已发布");

    public Task<IActionResult> OnPostAnswerAsync(Guid id, Guid objectionId) =>
        ActAsync(id, async g => (await g.AnswerObjectionAsync(objectionId, Answer ?? "", tenant.DisplayName)).Errors, "质疑已答复");

    /// <summary>True after a refused 修改公告: the form opens with the official's text and the reasons beside it.</summary>
    public bool EditRefused { get; private set; }

    /// <param name="keepsInput">
    /// True for 修改公告, whose refusal re-shows what the official typed; every other refusal re-shows the
    /// notice's own values (weights included) in that form, never the blank defaults.
    /// </param>
    private async Task<IActionResult> ActAsync(Guid id, Func<ITenderGrain, Task<ImmutableArray<FieldError>>> act, string done, bool keepsInput = false)
    {
        if (!await OwnAsync(id))
        {
            return NotFound();
        }
        ModelState.Clear();
        var errors = await act(Grain(id));
        if (errors.IsDefaultOrEmpty)
        {
            TempData["Notice"] = done;
            return RedirectToPage(new { id });
        }
        // Notice fields ("Input.X") go beside the 修改公告 inputs, renamed as the form names them; other
        // fields beside this page's own inputs; anything else (a budget refusal, 资金来源's source) to the top.
        var notice = errors.Where(e => e.Field.StartsWith("Input.", StringComparison.Ordinal)).Select(e => e with { Field = e.Field["Input.".Length..] }).ToList();
        ModelState.AddOutcome(notice, nameof(Input), typeof(TenderInput), TenderInput.FieldNames);
        ModelState.AddOutcome(errors.Where(e => !e.Field.StartsWith("Input.", StringComparison.Ordinal)), form: GetType());
        await LoadAsync(id);
        EditRefused = keepsInput;
        if (!keepsInput)
        {
            Input = TenderInput.From(Tender.Notice);
        }
        return Page();
    }

    /// <summary>
    /// Before a command: only whether the tender is the user's street's (another street's is not found) and
    /// its version; the grain checks everything else, so the page repeats none of it.
    /// </summary>
    private async Task<bool> OwnAsync(Guid id)
    {
        var info = await Grain(id).GetInfoAsync();
        if (info is null || !tenant.OwnsStreet(info.StreetId))
        {
            return false;
        }
        Tender = info;
        return true;
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
