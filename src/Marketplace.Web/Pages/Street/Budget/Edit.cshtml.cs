using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Web.Features.Budgets;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Marketplace.Web.Infrastructure.Pages;

namespace Marketplace.Web.Pages.Street.Budget;

/// <summary>
/// The street official enters or revises the year's budget split by funding source; the district admin
/// then confirms it. Below the floor or last year is allowed, and flagged on every page.
/// </summary>
public sealed class EditModel(IGrainFactory grains, TimeProvider clock, CurrentTenant tenant) : PageModel
{
    /// <summary>Amounts are bound as text and parsed here, so bad input gets a Chinese message, never a binder error.</summary>
    public sealed class BudgetInput
    {
        public string? Total { get; set; }
        public string? Fiscal { get; set; }
        public string? WelfareLottery { get; set; }
        public string? StreetNgoFund { get; set; }
        public string? SocialCapital { get; set; }
        public string? Note { get; set; }
        public int Version { get; set; }

        public string? AmountOf(FundingSource source) => source switch
        {
            FundingSource.Fiscal => Fiscal,
            FundingSource.WelfareLottery => WelfareLottery,
            FundingSource.StreetNgoFund => StreetNgoFund,
            FundingSource.SocialCapital => SocialCapital,
            _ => null,
        };
    }

    [BindProperty] public BudgetInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public int BudgetYear => Year ?? BudgetQueries.CurrentYear(clock);
    public AnnualBudget? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Grain() is not { } grain)
        {
            return NotFound();
        }
        var snapshot = await grain.GetAsync();
        Current = snapshot.Budget;
        if (Current is { } b)
        {
            string Amount(FundingSource s) => MoneyFormat.Number(b.Entry.Lines.First(l => l.Source == s).Amount);
            Input = new BudgetInput
            {
                Total = MoneyFormat.Number(b.Entry.Total), Fiscal = Amount(FundingSource.Fiscal),
                WelfareLottery = Amount(FundingSource.WelfareLottery), StreetNgoFund = Amount(FundingSource.StreetNgoFund),
                SocialCapital = Amount(FundingSource.SocialCapital), Note = b.Entry.Note, Version = b.Version,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Grain() is not { } grain)
        {
            return NotFound();
        }
        ModelState.Clear(); // every field is validated below, with our own Chinese messages
        if (!MoneyFormat.TryParse(Input.Total, out var total, out var totalError))
        {
            ModelState.AddModelError("Input.Total", totalError);
        }
        var lines = ImmutableArray.CreateBuilder<SourceAmount>();
        foreach (var source in FundingSources.All)
        {
            var text = Input.AmountOf(source);
            if (string.IsNullOrWhiteSpace(text))
            {
                lines.Add(new(source, Money.Zero)); // a source left empty contributes nothing
            }
            else if (MoneyFormat.TryParse(text, out var amount, out var error))
            {
                lines.Add(new(source, amount));
            }
            else
            {
                ModelState.AddModelError("Input." + source, error);
            }
        }
        if (ModelState.IsValid)
        {
            var outcome = await grain.EnterBudgetAsync(new BudgetEntry(total, lines.ToImmutable(), Input.Note ?? ""),
                Input.Version, User.Identity?.Name ?? "");
            if (outcome.Succeeded)
            {
                TempData["Notice"] = $"已保存 {BudgetYear} 年度预算（第 {outcome.Value!.Version} 版），等待区管理员确认。";
                return RedirectToPage("./Index", new { year = BudgetYear });
            }
            ModelState.AddOutcome(outcome.Errors, nameof(Input));
        }
        Current = (await grain.GetAsync()).Budget;
        return Page();
    }

    private IStreetBudgetGrain? Grain() =>
        tenant.StreetId is { } street && BudgetPages.ValidYear(BudgetYear) ? grains.GetStreetBudget(street, BudgetYear) : null;
}
