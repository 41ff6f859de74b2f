using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Reports.Models;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Budgets;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Reports;

/// <summary>
/// Fills the budget report view models from <see cref="BudgetQueries"/>, the same figures the pages and the
/// public JSON show (budget as entered with its status, and the ledger's allocated, encumbered, committed,
/// disbursed and available).
/// </summary>
public sealed class BudgetReportData(TimeProvider clock, Grid.GridFigures grid)
{
    public const string PublicUnit = "街道购买服务平台（公开信息）";

    /// <summary>§四's key for a contract entered without a purchase on the platform.</summary>
    public const string NoMethod = "直接签订合同";

    private DateOnly Today => ChinaTime.Day(clock.GetUtcNow());

    public async Task<StreetBudgetReportModel?> StreetAsync(AppDbContext db, long streetId, int year, CancellationToken ct)
    {
        if (await BudgetQueries.StreetAsync(db, streetId, year, ct) is not { } s)
        {
            return null;
        }
        // §三, §四 and §五 are the same purchases, grouped three ways.
        var purchases = await BudgetQueries.PurchasesAsync(db, streetId, year, ct);
        var areas = await BudgetQueries.ByServiceAreaAsync(db, purchases, ct);
        var f = s.Figures;
        return new StreetBudgetReportModel(
            s.District, s.Street, year, PublicUnit, Today,
            [.. s.Sources.Select(x => new FundingLine(x.Source.Chinese(), x.Planned))],
            s.Standing.PreviousYearTotal,
            f.Committed,
            f.Disbursed,
            [.. areas.Select(a => new BreakdownLine(a.Name, a.Count, a.Figures.Contracted) { Encumbered = a.Figures.Encumbered })],
            [.. purchases.GroupBy(p => p.Method ?? NoMethod)
                .Select(g => new BreakdownLine(g.Key, g.Count(), Money.Sum(g.Select(p => p.Figures.Contracted))) { Encumbered = Money.Sum(g.Select(p => p.Figures.Encumbered)) })],
            [.. purchases.Select(p => new PurchaseLine(p.Title, p.Organization ?? Dash, p.Method ?? NoMethod, p.Figures.Contracted, p.Status,
                p.Figures.Contracted.IsZero ? null : p.Figures.Disbursed) { Encumbered = p.Figures.Encumbered })])
        {
            Floor = s.Standing.Floor,
            Status = s.StatusText,
            Encumbered = f.Encumbered,
            Allocated = f.Allocated,
            Grid = await GridLinesAsync(streetId, year, ct),
        };
    }

    /// <summary>The report's grid section: each 村(社区), then the street, for matters reported in the year.</summary>
    private async Task<IReadOnlyList<GridFigureLine>> GridLinesAsync(long streetId, int year, CancellationToken ct) =>
        await grid.ForStreetAsync(streetId, ct, year) is { Grids.Count: > 0 } g
            ? [.. g.Communities.Select(c => new GridFigureLine(c.Name, c.Figures)), new GridFigureLine("街道合计", g.Total)]
            : [];

    private const string Dash = "—";

    public async Task<DistrictBudgetReportModel?> DistrictAsync(AppDbContext db, long districtId, int year, CancellationToken ct)
    {
        if (!await db.Districts.AnyAsync(d => d.Id == districtId, ct))
        {
            return null;
        }
        var streets = await BudgetQueries.YearAsync(db, year, districtId, ct);
        return ToDistrict(streets, await DistrictNameAsync(db, districtId, ct), year);
    }

    /// <summary>Every district, reporting progress as each district's figures are read.</summary>
    public async Task<AllDistrictsBudgetReportModel> AllAsync(AppDbContext db, int year, IProgress<int> progress, CancellationToken ct)
    {
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, Name = d.City + d.Name }).ToListAsync(ct);
        var sections = new List<DistrictBudgetReportModel>();
        foreach (var (d, i) in districts.Select((d, i) => (d, i)))
        {
            var streets = await BudgetQueries.YearAsync(db, year, d.Id, ct);
            sections.Add(ToDistrict(streets, d.Name, year));
            progress.Report((i + 1) * 80 / Math.Max(1, districts.Count));
        }
        return new AllDistrictsBudgetReportModel(year, PublicUnit, Today, sections);
    }

    // The district's floor is already in each street's standing (BudgetQueries reads the district policy).
    private DistrictBudgetReportModel ToDistrict(IReadOnlyList<BudgetQueries.StreetYear> streets, string district, int year) =>
        new(district, year, PublicUnit, Today,
            [.. streets.Select(s => new StreetBudgetSummary(s.Street, s.Standing.Total, s.Standing.PreviousYearTotal,
                s.Figures.Committed, s.Figures.Disbursed)
            {
                Status = s.StatusText, Encumbered = s.Figures.Encumbered, Allocated = s.Figures.Allocated,
            })])
        {
            Floor = streets.Count > 0 ? streets[0].Standing.Floor : BudgetPolicy.DefaultFloor,
        };

    private static Task<string> DistrictNameAsync(AppDbContext db, long districtId, CancellationToken ct) =>
        db.Districts.Where(d => d.Id == districtId).Select(d => d.City + d.Name).SingleAsync(ct);
}
