using System.Collections.Immutable;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Marketplace.Web.Pages.Shared;

namespace Marketplace.Web.Pages.Ngo.Contracts;

/// <summary>
/// 互评: the contracts the district asked this organization to rate as a peer, and the 互评 indicator sheet of
/// the open evaluation. A contract it is not assigned to (its own, another's) is not found.
/// </summary>
public sealed class PeerModel(AppDbContext db, IGrainFactory grains, CurrentTenant tenant) : PageModel
{
    public List<ContractRow> Assigned { get; private set; } = [];
    public ContractState? Contract { get; private set; }
    public ContractEvaluation? Open { get; private set; }

    [BindProperty] public Dictionary<string, string?> Scores { get; set; } = [];

    public SourceSheet PeerSheet => Contract!.Sheets.Single(s => s.Source == EvaluationSource.Peer);

    /// <summary>What this organization entered already in the open evaluation (it may correct it until the evaluation is decided).</summary>
    public SourceScore? Mine => Open?.Scores.GetValueOrDefault(EvaluationSource.Peer) is { } s && s.By == tenant.Uscc ? s : null;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostScoreAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        var sheet = AssignedEvaluations.Parse(PeerSheet, Scores, errors);
        if (errors.Count == 0)
        {
            // The grain decides what the page cannot know: assigned, report filed, evaluation open, score within the weight.
            var trancheNo = Open?.TrancheNo ?? 0;
            var scored = await grains.GetGrain<IContractGrain>(id).ScoreAsync(trancheNo, EvaluationSource.Peer, tenant.Uscc!, sheet, null);
            errors.AddRange(scored.Errors.IsDefault ? [] : scored.Errors);
        }
        if (errors.Count == 0)
        {
            TempData["Notice"] = "互评评分已提交";
            return RedirectToPage(new { id });
        }
        ModelState.AddOutcome(errors);
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid? id, CancellationToken ct)
    {
        if (tenant.Uscc is not { } me)
        {
            return false;
        }
        Assigned = await AssignedEvaluations.AssignedAsync(db, ContractAssignmentRow.Peer, me, ct);
        if (id is null)
        {
            return true;
        }
        if (Assigned.All(c => c.Id != id))
        {
            return false;
        }
        Contract = await grains.GetGrain<IContractGrain>(id.Value).GetAsync();
        Open = Contract?.OpenEvaluation();
        return Contract is not null && Contract.PeerUsccs.Contains(me);
    }
}
