using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Marketplace.Web.Infrastructure.Pages;

namespace Marketplace.Web.Pages.Evaluator.Reviews;

/// <summary>
/// An expert's review: the applicant list and the conflict declaration first (财库〔2016〕198号); the
/// proposals and the score forms only after declaring no conflict.
/// </summary>
public sealed class ReviewModel(IGrainFactory grains, CurrentTenant tenant) : PageModel
{
    public TenderInfo Tender { get; private set; } = default!;
    public PanelMember Member { get; private set; } = default!;
    public ImmutableArray<ApplicantSummary> Applicants { get; private set; } = [];
    public ImmutableArray<TenderApplication> Applications { get; private set; } = [];
    public ImmutableDictionary<string, ImmutableDictionary<string, CriterionScore>> MyScores { get; private set; } =
        ImmutableDictionary<string, ImmutableDictionary<string, CriterionScore>>.Empty;
    public HashSet<string> LowPriced { get; private set; } = [];

    [BindProperty] public string? ConflictReason { get; set; }
    [BindProperty] public string? DeclineReason { get; set; }
    [BindProperty] public Dictionary<string, string?> Points { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Comments { get; set; } = [];
    [BindProperty] public string? Explanation { get; set; }

    private string Me => User.Identity?.Name ?? "";
    private ITenderGrain Grain(Guid id) => grains.GetGrain<ITenderGrain>(id);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostNoConflictAsync(Guid id) => ActAsync(id, g => g.DeclareAsync(Me, false, null), "已声明无利害关系，可以查看申请材料并评分");

    public Task<IActionResult> OnPostConflictAsync(Guid id) => ActAsync(id, g => g.DeclareAsync(Me, true, ConflictReason), "已回避，系统将补抽专家");

    public Task<IActionResult> OnPostDeclineAsync(Guid id) => ActAsync(id, g => g.DeclineAsync(Me, DeclineReason), "已拒绝参加本项目评审，系统已按抽取顺序补抽专家");

    public async Task<IActionResult> OnPostScoreAsync(Guid id, string uscc)
    {
        // Parsed here, checked by the grain (criteria and maxima, the panel, scoring open): a save is one call,
        // with no read of the tender before it (issue 15: 301 experts saving at once).
        var points = Points.ToDictionary(p => p.Key, p => ParsePoints(p.Value));
        if (points.Any(p => p.Value is null))
        {
            return await RefusedAsync(id, () => Tender.Notice.Criteria.NonPrice().Where(c => points.TryGetValue(c.Code, out var p) && p is null)
                .Select(c => new FieldError(c.Code, $"“{c.Name}”请输入数字分值")).DefaultIfEmpty(new FieldError("", "请输入数字分值")), uscc);
        }
        var sheet = points.ToImmutableDictionary(p => p.Key, p => new CriterionScore(p.Value!.Value, Comments.GetValueOrDefault(p.Key)?.Trim()));
        return await ActAsync(id, g => g.ScoreAsync(Me, uscc, sheet), "评分已保存", uscc);
    }

    public Task<IActionResult> OnPostLowPriceAsync(Guid id, string uscc, bool accept) =>
        ActAsync(id, g => g.DecideLowPriceAsync(Me, uscc, accept, Explanation ?? ""), "异常低价认定已记录", uscc);

    private static decimal? ParsePoints(string? text) =>
        decimal.TryParse((text ?? "").Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p)
            && p is <= 1000m and >= -1000m ? p : null;

    /// <summary>
    /// One command (CONVENTIONS "Requests"): the grain decides who may act and when (a member of this panel, in
    /// the tender's own district's pool); the page reads its view only to show a refusal, or answers 404 to anyone
    /// who is not on the panel.
    /// </summary>
    private async Task<IActionResult> ActAsync(Guid id, Func<ITenderGrain, Task<Outcome>> act, string done, string? form = null)
    {
        var result = await act(Grain(id));
        if (result.Succeeded)
        {
            TempData["Notice"] = done;
            return RedirectToPage(new { id });
        }
        return await RefusedAsync(id, () => result.Errors, form);
    }

    private async Task<IActionResult> RefusedAsync(Guid id, Func<IEnumerable<FieldError>> errors, string? form)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        ModelState.Clear();
        // Score errors are keyed by criterion and shown next to the form of that applicant; a field the form does
        // not render (a criterion code that is not on the notice) shows at the top.
        var rendered = Tender.Notice.Criteria.NonPrice().Select(c => c.Code).Append("Explanation").ToHashSet();
        ModelState.AddOutcome(errors().Select(e => form is null || rendered.Contains(e.Field) ? e : e with { Field = "" }), form);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var info = await Grain(id).GetInfoAsync();
        var panel = await Grain(id).GetPanelAsync();
        if (info is null || info.DistrictId != tenant.DistrictId || panel?.Members.LastOrDefault(m => m.UserName == Me) is not { } member)
        {
            return false;
        }
        (Tender, Member) = (info, member);
        if (!member.Sits)
        {
            return true; // a recused or replaced expert sees nothing more
        }
        var applicants = await Grain(id).GetApplicantsAsync();
        Applicants = applicants.Succeeded ? applicants.Value : [];
        var applications = await Grain(id).GetApplicationsForExpertAsync(Me);
        Applications = applications.Succeeded ? applications.Value : [];
        MyScores = await Grain(id).GetExpertScoresAsync(Me);
        LowPriced = Scoring.AbnormallyLow([.. Applications.Where(a => Applicants.Any(s => s.Uscc == a.Uscc && s.InvalidReason is null))
            .Select(a => (a.Uscc, a.Proposal.Price))]);
        return true;
    }
}
