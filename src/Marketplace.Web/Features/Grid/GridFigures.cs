using Marketplace.Grid;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Grid;

/// <summary>One row of the figures: a grid, a 村(社区), a street or the district, with its <see cref="MatterFigures"/>.</summary>
public sealed record FigureRow(string Name, MatterFigures Figures);

/// <summary>A street's figures per grid and per 村(社区), and its total.</summary>
public sealed record StreetFigures(long StreetId, string Street, IReadOnlyList<FigureRow> Grids, IReadOnlyList<FigureRow> Communities, MatterFigures Total);

/// <summary>
/// The one reader of the matter figures: the dashboard, the public page, the JSON and the PDF all take them from
/// here, computed by <see cref="MatterFigures"/> from the street's matters.
/// </summary>
public sealed class GridFigures(IGrainFactory grains, IDbContextFactory<AppDbContext> dbFactory)
{
    /// <param name="year">Only matters reported in this year (China time), e.g. for the annual report; null: all.</param>
    public async Task<StreetFigures?> ForStreetAsync(long streetId, CancellationToken ct = default, int? year = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Streets.Where(s => s.Id == streetId).Select(s => s.Name).SingleOrDefaultAsync(ct);
        return name is null ? null : await BuildAsync(streetId, name, year);
    }

    /// <summary>Every street of the district (those with grids), and the district's total.</summary>
    public async Task<(IReadOnlyList<StreetFigures> Streets, MatterFigures Total)> ForDistrictAsync(long districtId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var streets = await db.Streets.AsNoTracking().Where(s => s.DistrictId == districtId).OrderBy(s => s.Id).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var rows = new List<StreetFigures>();
        foreach (var s in streets)
        {
            var f = await BuildAsync(s.Id, s.Name);
            if (f.Grids.Count > 0)
            {
                rows.Add(f);
            }
        }
        return (rows, MatterFigures.Sum(rows.Select(r => r.Total)));
    }

    private async Task<StreetFigures> BuildAsync(long streetId, string street, int? year = null)
    {
        var grids = (await grains.GetGrain<IStreetGridGrain>(streetId).GetAsync()).Grids;
        var matters = (await grains.GetGrain<IStreetMattersGrain>(streetId).GetAsync()).Matters
            .Where(m => year is null || Domain.ChinaTime.Year(m.ReportedAt) == year).ToList();
        var byGrid = matters.ToLookup(m => m.GridNo);
        var gridRows = grids.Select(g => new FigureRow(g.Name, MatterFigures.Of(byGrid[g.No]))).ToList();
        var communityRows = grids.GroupBy(g => g.Community)
            .Select(c => new FigureRow(c.Key, MatterFigures.Of(c.SelectMany(g => byGrid[g.No])))).ToList();
        return new StreetFigures(streetId, street, gridRows, communityRows, MatterFigures.Of(matters));
    }
}
