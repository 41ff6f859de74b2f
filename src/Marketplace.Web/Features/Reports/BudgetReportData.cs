using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Reports.Models;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Budgets;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Reports;

/// <summary>
/// Fills the budget report view models from the ledger's read models. Public reports use the confirmed
/// (published) budgets, as the public budgets API does; officials may ask for the figures as entered.
/// </summary>
public sealed class BudgetReportData(TimeProvider clock)
{
    public const string PublicUnit = "街道购买服务平台（公开信息）";

    private DateOnly Today => ChinaTime.Day(clock.GetUtcNow());

    public async Task<StreetBudgetReportModel?> StreetAsync(AppDbContext db, long streetId, int year, bool confirmedOnly, CancellationToken ct)
    {
        var districtId = await db.Streets.Where(s => s.Id == streetId).Select(s => (long?)s.DistrictId).SingleOrDefaultAsync(ct);
        if (districtId is null)
        {
            return null;
        }
        var s = (await BudgetQueries.YearAsync(db, year, districtId, confirmedOnly, ct)).Single(x => x.StreetId == streetId);
        var areas = await BudgetQueries.ByServiceAreaAsync(db, streetId, year, ct);
        var commitments = await db.PostingGroups.AsNoTracking()
            .Where(g => g.StreetId == streetId && g.Year == year && g.Kind == PostingKind.Commitment)
            .Select(g => new { g.CommitmentId, g.CommitmentType, g.ServiceAreaCode }).ToListAsync(ct);
        var byMethod = await db.Postings.AsNoTracking()
            .Where(p => p.StreetId == streetId && p.Year == year && p.Account == LedgerAccountKind.Committed)
            .Join(db.PostingGroups, p => p.GroupId, g => g.Id, (p, g) => new { g.CommitmentType, g.CommitmentId, p.AmountFen })
            .ToListAsync(ct);
        return new StreetBudgetReportModel(
            s.District, s.Street, year, PublicUnit, Today,
            [.. s.Sources.Select(x => new FundingLine(x.Source.Chinese(), confirmedOnly ? x.Allocated : x.Planned))],
            s.Standing.PreviousYearTotal,
            s.Row?.Committed ?? Money.Zero,
            s.Row?.Disbursed ?? Money.Zero,
            [.. areas.Select(a => new BreakdownLine(a.Name,
                commitments.Where(c => c.ServiceAreaCode == a.Code).Select(c => c.CommitmentId).Distinct().Count(), a.Committed))],
            [.. byMethod.GroupBy(m => m.CommitmentType ?? "其他")
                .Select(g => new BreakdownLine(g.Key, g.Select(x => x.CommitmentId).Distinct().Count(), Money.FromFen(g.Sum(x => x.AmountFen))))],
            await PurchasesAsync(db, streetId, year, ct))
        {
            Floor = s.Standing.Floor,
        };
    }

    /// <summary>
    /// The street's awarded purchases of the year (by notice deadline) with organization, amount and status.
    /// Paid and grade stay empty until contracts carry payments and evaluations.
    /// </summary>
    private static async Task<IReadOnlyList<PurchaseLine>> PurchasesAsync(AppDbContext db, long streetId, int year, CancellationToken ct)
    {
        var tenders = await db.Tenders.AsNoTracking()
            .Where(t => t.StreetId == streetId && t.AwardedName != null)
            .Select(t => new { t.Title, t.AwardedName, t.Method, t.AwardedPrice, t.Status, t.Deadline }).ToListAsync(ct);
        return [.. tenders.Where(t => ChinaTime.Year(t.Deadline) == year).OrderBy(t => t.Deadline)
            .Select(t => new PurchaseLine(t.Title, t.AwardedName!, t.Method.Chinese(), t.AwardedPrice ?? Money.Zero, t.Status.Chinese()))];
    }

    public async Task<DistrictBudgetReportModel?> DistrictAsync(AppDbContext db, long districtId, int year, bool confirmedOnly, CancellationToken ct)
    {
        if (!await db.Districts.AnyAsync(d => d.Id == districtId, ct))
        {
            return null;
        }
        var streets = await BudgetQueries.YearAsync(db, year, districtId, confirmedOnly, ct);
        return ToDistrict(streets, await DistrictNameAsync(db, districtId, ct), year);
    }

    /// <summary>Every district, reporting progress as each district's figures are read.</summary>
    public async Task<AllDistrictsBudgetReportModel> AllAsync(AppDbContext db, int year, IProgress<int> progress, CancellationToken ct)
    {
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, Name = d.City + d.Name }).ToListAsync(ct);
        var sections = new List<DistrictBudgetReportModel>();
        foreach (var (d, i) in districts.Select((d, i) => (d, i)))
        {
            var streets = await BudgetQueries.YearAsync(db, year, d.Id, confirmedOnly: true, ct);
            sections.Add(ToDistrict(streets, d.Name, year));
            progress.Report((i + 1) * 80 / Math.Max(1, districts.Count));
        }
        return new AllDistrictsBudgetReportModel(year, PublicUnit, Today, sections);
    }

    // The district's floor is already in each street's standing (BudgetQueries reads the district policy).
    private DistrictBudgetReportModel ToDistrict(IReadOnlyList<BudgetQueries.StreetYear> streets, string district, int year) =>
        new(district, year, PublicUnit, Today,
            [.. streets.Select(s => new StreetBudgetSummary(s.Street, s.Standing.Total, s.Standing.PreviousYearTotal,
                s.Row?.Committed ?? Money.Zero, s.Row?.Disbursed ?? Money.Zero))])
        {
            Floor = streets.Count > 0 ? streets[0].Standing.Floor : BudgetPolicy.DefaultFloor,
        };

    private static Task<string> DistrictNameAsync(AppDbContext db, long districtId, CancellationToken ct) =>
        db.Districts.Where(d => d.Id == districtId).Select(d => d.City + d.Name).SingleAsync(ct);
}
