using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tendering;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Evaluator.Rounds;

/// <summary>A panel member of a round: declares conflicts, then scores each screened-in proposal on the round's criteria (no price score).</summary>
public sealed class ReviewModel(CurrentTenant tenant, IGrainFactory grains) : PageModel
{
    public RoundInfo Round { get; private set; } = default!;
    public ImmutableArray<RoundApplication> Applications { get; private set; } = [];
    public ImmutableDictionary<Guid, ImmutableDictionary<string, CriterionScore>> Mine { get; private set; } = ImmutableDictionary<Guid, ImmutableDictionary<string, CriterionScore>>.Empty;
    public string? Sealed { get; private set; }

    private IVentureRoundGrain Grain(Guid id) => grains.GetGrain<IVentureRoundGrain>(id);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostDeclareAsync(Guid id, bool conflict, string? reason) =>
        ActAsync(id, async () => (await Grain(id).DeclareAsync(tenant.UserName, conflict, reason)).Errors);

    public Task<IActionResult> OnPostScoreAsync(Guid id, Guid applicationId) => ActAsync(id, async () =>
    {
        var sheet = ImmutableDictionary.CreateBuilder<string, CriterionScore>();
        foreach (var c in Round.Settings.Criteria)
        {
            var text = Request.Form[$"score.{c.Code}"].ToString().Trim();
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var points))
            {
                return [new FieldError("", $"“{c.Name}”请填写分数")];
            }
            var comment = Request.Form[$"comment.{c.Code}"].ToString();
            sheet[c.Code] = new CriterionScore(points, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
        }
        return (await Grain(id).ScoreAsync(tenant.UserName, applicationId, sheet.ToImmutable())).Errors;
    });

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<ImmutableArray<FieldError>>> command)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var errors = await command();
        if (errors.IsDefaultOrEmpty)
        {
            return RedirectToPage(new { id });
        }
        ModelState.AddOutcome(errors.Select(e => e with { Field = "" }));
        await LoadAsync(id);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var round = await Grain(id).GetInfoAsync();
        if (round is null || round.Organizer.DistrictId != tenant.DistrictId)
        {
            return false;
        }
        Round = round;
        var applications = await Grain(id).GetApplicationsForExpertAsync(tenant.UserName);
        Applications = applications.Succeeded ? applications.Value : [];
        Sealed = applications.Succeeded ? null : applications.Errors[0].Message;
        Mine = await Grain(id).GetExpertScoresAsync(tenant.UserName);
        return true;
    }
}
