using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Web.Infrastructure.Pages;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Evaluator.Evaluations;

/// <summary>
/// An evaluator's assigned contracts only, with the 第三方评 indicator sheet and the 群众评 survey entry
/// (sample size and mean) for the open evaluation. A contract not assigned to this user is not found.
/// </summary>
public sealed class IndexModel(AppDbContext db, IGrainFactory grains) : PageModel
{
    public List<ContractRow> Assigned { get; private set; } = [];
    public ContractState? Contract { get; private set; }
    public ContractEvaluation? Open { get; private set; }
    /// <summary>Residents' ratings of the open period: when there are any they are the 群众评, and no survey is entered.</summary>
    public RatingSummary? Residents { get; private set; }

    [BindProperty] public Dictionary<string, string?> Scores { get; set; } = [];
    [BindProperty] public string? SurveyMean { get; set; }
    [BindProperty] public string? SampleSize { get; set; }

    public SourceSheet ThirdParty => Contract!.Sheets.Single(s => s.Source == EvaluationSource.ThirdParty);

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostScoreAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Open is null)
        {
            return NotFound();
        }
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        var sheet = AssignedEvaluations.Parse(ThirdParty, Scores, errors, i => i.Code == EvaluationScoring.CompletionCode && !Contract!.Units.IsEmpty);
        var grain = grains.GetGrain<IContractGrain>(id);
        var who = User.Identity!.Name!;
        if (errors.Count == 0 && !string.IsNullOrWhiteSpace(SurveyMean) && Residents is not { Count: > 0 })
        {
            var mean = decimal.TryParse(SurveyMean, NumberStyles.Number, CultureInfo.InvariantCulture, out var m) ? m : -1m;
            var sample = int.TryParse(SampleSize, CultureInfo.InvariantCulture, out var n) ? n : 0;
            var survey = await grain.ScoreAsync(Open.TrancheNo, EvaluationSource.Public, who, ImmutableDictionary<string, decimal>.Empty.Add("satisfaction", mean), sample);
            errors.AddRange(survey.Errors.IsDefault ? [] : survey.Errors.Select(e => e with { Field = e.Field == "satisfaction" ? nameof(SurveyMean) : e.Field }));
        }
        if (errors.Count == 0)
        {
            var scored = await grain.ScoreAsync(Open.TrancheNo, EvaluationSource.ThirdParty, who, sheet, null);
            errors.AddRange(scored.Errors.IsDefault ? [] : scored.Errors);
        }
        if (errors.Count == 0)
        {
            TempData["Notice"] = "评分已提交";
            return RedirectToPage(new { id });
        }
        ModelState.AddOutcome(errors);
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid? id, CancellationToken ct)
    {
        var me = User.Identity?.Name ?? "";
        Assigned = await AssignedEvaluations.AssignedAsync(db, ContractAssignmentRow.Evaluator, me, ct);
        if (id is null)
        {
            return true;
        }
        if (Assigned.All(c => c.Id != id))
        {
            return false;
        }
        Contract = await grains.GetGrain<IContractGrain>(id.Value).GetAsync();
        Open = Contract?.Tranches.Select(t => Contract.EvaluationOf(t.No)).FirstOrDefault(e => e is { Decided: false });
        Residents = Open is null ? null : await grains.GetGrain<IContractRatingsGrain>(id.Value).SummaryAsync(Open.Period());
        return Contract is not null && Contract.Evaluators.Contains(me);
    }
}
