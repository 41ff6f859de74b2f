using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Budgets;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Infrastructure.Seeding;

internal sealed record BudgetPolicySeed(string District, string Floor, bool LotteryPublicWelfareOnly, string Note);
internal sealed record StreetBudgetSeed(
    string District, string Street, int YearOffset, string Status, string Fiscal, string WelfareLottery,
    string StreetNgoFund, string SocialCapital, string Note);
internal sealed record LedgerMovementSeed(
    string District, string Street, int YearOffset, string Kind, string Contract, string Document, string? Area,
    bool PublicWelfare, string? Fiscal, string? WelfareLottery, string? StreetNgoFund, string? SocialCapital, string Reason);

/// <summary>
/// Demo budgets for this year and last year, entered by the street and confirmed by the district through
/// the budget grain like real ones, plus a few contracts' commitments and tranches so the ledger has history.
/// </summary>
internal static class BudgetSeeder
{
    public static async Task SeedAsync(IGrainFactory grains, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var districts = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Name, d => d.Id, ct);
        foreach (var p in SeedFiles.Read<BudgetPolicySeed>("budget-policies.json"))
        {
            var id = districts[p.District];
            db.DistrictBudgetPolicies.Add(new DistrictBudgetPolicyRow { DistrictId = id, Floor = Yuan(p.Floor), UpdatedBy = DemoPeople.DistrictAdmin(p.District) });
            db.FundingSourceRules.AddRange(FundingSources.All.Select(s => new FundingSourceRuleRow
            {
                DistrictId = id, Source = s, Enabled = true,
                PublicWelfareOnly = s == FundingSource.WelfareLottery && p.LotteryPublicWelfareOnly,
            }));
        }
        await db.SaveChangesAsync(ct);

        var thisYear = BudgetQueries.CurrentYear(clock);
        var streets = await db.Streets.AsNoTracking().Select(s => new { s.Id, s.Name, District = s.District!.Name }).ToListAsync(ct);
        long StreetId(string district, string street) => streets.Single(s => s.District == district && s.Name == street).Id;

        // Last year first: this year's growth check compares with it.
        foreach (var b in SeedFiles.Read<StreetBudgetSeed>("street-budgets.json").OrderBy(b => b.YearOffset))
        {
            var grain = grains.GetStreetBudget(StreetId(b.District, b.Street), thisYear + b.YearOffset);
            ImmutableArray<SourceAmount> lines =
            [
                new(FundingSource.Fiscal, Yuan(b.Fiscal)), new(FundingSource.WelfareLottery, Yuan(b.WelfareLottery)),
                new(FundingSource.StreetNgoFund, Yuan(b.StreetNgoFund)), new(FundingSource.SocialCapital, Yuan(b.SocialCapital)),
            ];
            var entry = new BudgetEntry(Money.Sum(lines.Select(l => l.Amount)), lines, b.Note);
            var by = DemoPeople.StreetOfficial(b.District, b.Street);
            // A confirmed budget in one write, not two (bench/README "Start-up").
            Check(b.Status == nameof(BudgetStatus.Confirmed)
                ? await grain.EnterConfirmedBudgetAsync(entry, 0, by, DemoPeople.DistrictAdmin(b.District))
                : await grain.EnterBudgetAsync(entry, 0, by), b.Street);
        }

        foreach (var m in SeedFiles.Read<LedgerMovementSeed>("ledger-movements.json"))
        {
            var grain = grains.GetStreetBudget(StreetId(m.District, m.Street), thisYear + m.YearOffset);
            ImmutableArray<SourceAmount> split =
            [
                .. new (FundingSource Source, string? Amount)[]
                {
                    (FundingSource.Fiscal, m.Fiscal), (FundingSource.WelfareLottery, m.WelfareLottery),
                    (FundingSource.StreetNgoFund, m.StreetNgoFund), (FundingSource.SocialCapital, m.SocialCapital),
                }.Where(x => x.Amount is not null).Select(x => new SourceAmount(x.Source, Yuan(x.Amount!))),
            ];
            var total = Money.Sum(split.Select(s => s.Amount));
            var contract = new DocumentRef(DocumentTypes.Contract, m.Contract);
            var key = $"{m.Document}:{m.Kind}";
            var by = DemoPeople.StreetOfficial(m.District, m.Street);
            var outcome = m.Kind switch
            {
                "commit" => await grain.CommitAsync(new CommitRequest(key, contract, m.Area!, m.PublicWelfare, total, split, m.Reason, by)),
                "disburse" => await grain.DisburseAsync(new MovementRequest(key, contract,
                    new DocumentRef(DocumentTypes.Tranche, m.Document), total, split, m.Reason, by)),
                "release" => await grain.ReleaseAsync(new MovementRequest(key, contract,
                    new DocumentRef(DocumentTypes.Contract, m.Document), total, split, m.Reason, by)),
                _ => throw new InvalidOperationException($"Unknown seed movement kind '{m.Kind}'."),
            };
            Check(outcome, m.Document);
        }
    }

    private static Money Yuan(string text) => Money.FromYuan(decimal.Parse(text, CultureInfo.InvariantCulture));

    private static T Check<T>(Outcome<T> outcome, string what) => outcome.Succeeded
        ? outcome.Value!
        : throw new InvalidOperationException($"Seed budget data '{what}' is invalid: {outcome.Errors[0].Message}");
}
