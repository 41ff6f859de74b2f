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

    public Task<IActionResult> OnPostScoreAsync(Guid id, string uscc) => ActAsync(id, async g =>
    {
        var sheet = ImmutableDictionary.CreateBuilder<string, CriterionScore>();
        var errors = new List<FieldError>();
        foreach (var c in Tender.Notice.Criteria.NonPrice())
        {
            var text = Points.GetValueOrDefault(c.Code);
            if (!decimal.TryParse((text ?? "").Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) || p > 1000m || p < -1000m)
            {
                errors.Add(new(c.Code, $"“{c.Name}”请输入数字分值"));
                continue;
            }
            sheet[c.Code] = new CriterionScore(p, Comments.GetValueOrDefault(c.Code)?.Trim());
        }
        return errors.Count > 0 ? Outcome.Fail(errors) : await g.ScoreAsync(Me, uscc, sheet.ToImmutable());
    }, "评分已保存", uscc);

    public Task<IActionResult> OnPostLowPriceAsync(Guid id, string uscc, bool accept) =>
        ActAsync(id, g => g.DecideLowPriceAsync(Me, uscc, accept, Explanation ?? ""), "异常低价认定已记录", uscc);

    private async Task<IActionResult> ActAsync(Guid id, Func<ITenderGrain, Task<Outcome>> act, string done, string? form = null)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        ModelState.Clear();
        var result = await act(Grain(id));
        if (result.Succeeded)
        {
            TempData["Notice"] = done;
            return RedirectToPage(new { id });
        }
        // Score errors are keyed by criterion and shown next to the form of that applicant.
        ModelState.AddOutcome(result.Errors, form);
        await LoadAsync(id);
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
