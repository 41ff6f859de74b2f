using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Budgets;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.District.Budgets;

/// <summary>
/// The district's budget rules: the annual floor per street (default 2,000,000.00, 江宁's rule) and which
/// funding sources are used and whether a source may pay only for 公益 projects. Configuration, not a
/// ledger movement, so it is stored directly; the budget grain reads it on every command.
/// </summary>
public sealed class PolicyModel(AppDbContext db, CurrentTenant tenant, TimeProvider clock) : PageModel
{
    public sealed class SourceInput
    {
        public FundingSource Source { get; set; }
        public bool Enabled { get; set; }
        public bool PublicWelfareOnly { get; set; }
    }

    public sealed class PolicyInput
    {
        public string? Floor { get; set; }
        public List<SourceInput> Sources { get; set; } = [];
        /// <summary>The stored policy's version when the form was read (0: none stored yet).</summary>
        public int Version { get; set; }
    }

    [BindProperty] public PolicyInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return NotFound();
        }
        var policy = await BudgetPolicySource.ForDistrictAsync(db, districtId, ct);
        Input = new PolicyInput
        {
            Floor = MoneyFormat.Number(policy.Floor),
            Sources = [.. policy.Sources.Select(s => new SourceInput { Source = s.Source, Enabled = s.Enabled, PublicWelfareOnly = s.PublicWelfareOnly })],
            Version = await db.DistrictBudgetPolicies.Where(p => p.DistrictId == districtId).Select(p => p.Version).SingleOrDefaultAsync(ct),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return NotFound();
        }
        ModelState.Clear();
        var parseErrors = new List<FieldError>();
        var floor = FormParse.Money(Input.Floor, "Floor", parseErrors);
        var sources = Input.Sources.Select(s => new FundingSourceRule(s.Source, s.Enabled, s.PublicWelfareOnly)).ToList();
        ModelState.AddOutcome(parseErrors.Concat(BudgetRules.ValidatePolicy(floor, sources)), nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var row = await db.DistrictBudgetPolicies.SingleOrDefaultAsync(p => p.DistrictId == districtId, ct);
        if (row is null)
        {
            // A first save made twice at once: the second add meets the key and is refused as stale.
            row = new DistrictBudgetPolicyRow { DistrictId = districtId, Version = Input.Version + 1 };
            db.DistrictBudgetPolicies.Add(row);
        }
        else
        {
            db.ExpectVersion(row, Input.Version); // the rules below are saved with it, so they are guarded too
        }
        row.Floor = floor!.Value;
        row.UpdatedBy = User.Identity?.Name;
        row.UpdatedAt = clock.GetUtcNow();
        var rules = await db.FundingSourceRules.Where(r => r.DistrictId == districtId).ToDictionaryAsync(r => r.Source, ct);
        foreach (var s in Input.Sources)
        {
            if (!rules.TryGetValue(s.Source, out var rule))
            {
                rule = new FundingSourceRuleRow { DistrictId = districtId, Source = s.Source };
                db.FundingSourceRules.Add(rule);
            }
            rule.Enabled = s.Enabled;
            rule.PublicWelfareOnly = s.PublicWelfareOnly;
        }
        if (!await db.TrySaveAsync(ModelState, string.Empty, ReferenceDataWrites.StaleMessage, ct))
        {
            return Page();
        }
        TempData["Notice"] = "已保存预算规则。";
        return RedirectToPage("./Index");
    }
}
