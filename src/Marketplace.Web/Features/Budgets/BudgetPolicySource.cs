using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Budgets;

/// <summary>Reads a district's budget policy (floor, funding-source restrictions); defaults where none is stored.</summary>
public sealed class BudgetPolicySource(IDbContextFactory<AppDbContext> dbFactory) : IBudgetPolicySource
{
    public async Task<BudgetPolicy?> ForStreetAsync(long streetId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var districtId = await db.Streets.Where(s => s.Id == streetId).Select(s => (long?)s.DistrictId).SingleOrDefaultAsync();
        return districtId is { } d ? await ForDistrictAsync(db, d, CancellationToken.None) : null;
    }

    public static async Task<BudgetPolicy> ForDistrictAsync(AppDbContext db, long districtId, CancellationToken ct)
    {
        var floor = await db.DistrictBudgetPolicies.Where(p => p.DistrictId == districtId)
            .Select(p => (Money?)p.Floor).SingleOrDefaultAsync(ct);
        var rules = await db.FundingSourceRules.Where(r => r.DistrictId == districtId).ToListAsync(ct);
        return new BudgetPolicy(floor ?? BudgetPolicy.DefaultFloor,
            [.. FundingSources.All.Select(s => rules.FirstOrDefault(r => r.Source == s) is { } r
                ? new FundingSourceRule(s, r.Enabled, r.PublicWelfareOnly)
                : BudgetPolicy.Default.RuleFor(s))]);
    }
}
