using Marketplace.Grid;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Grid;

internal sealed record GridMatterSeed(string Source, string Title, string Area, string Place, string Text, string Resident, string Phone, string State,
    string? Tier, string? Handler, string? Result, string? Rating);

internal sealed record GridSeedRow(string Street, string Name, string Community, string Kind, int Households, string Leader, string LeaderUser,
    string[] Workers, GridMatterSeed[] Matters);

/// <summary>The grids of seed/grids.json and their matters, each taken through the street's grains to its state.</summary>
public static class GridSeed
{
    public static async Task SeedAsync(IServiceProvider sp, AppDbContext db)
    {
        var grains = sp.GetRequiredService<IGrainFactory>();
        foreach (var row in SeedFiles.Read<GridSeedRow>("grids.json"))
        {
            var street = await db.Streets.Include(s => s.District).SingleAsync(s => s.Name == row.Street);
            var by = DemoPeople.StreetOfficial(street.District!.Name, street.Name);
            var grid = grains.GetGrain<IStreetGridGrain>(street.Id);
            var saved = await grid.SaveAsync(new GridUnit(0, row.Name, row.Community, CommunityKinds.Parse(row.Kind) ?? CommunityKind.Community,
                row.Households, row.Leader, row.LeaderUser, [.. row.Workers]), (await grid.GetAsync()).Version, by);
            Check(saved.Errors, row.Name);
            foreach (var m in row.Matters)
            {
                await MatterAsync(grains.GetGrain<IStreetMattersGrain>(street.Id), street.DistrictId, saved.Value!.No, row, m, by);
            }
        }
    }

    private static async Task MatterAsync(IStreetMattersGrain matters, long district, int gridNo, GridSeedRow grid, GridMatterSeed m, string by)
    {
        var source = Enum.Parse<MatterSource>(m.Source);
        var reported = await matters.ReportAsync(new MatterReport(gridNo, source, m.Title, m.Area, m.Place, m.Text, [], [], m.Resident, m.Phone),
            grid.LeaderUser, source == MatterSource.Resident ? "居民" : $"{grid.Community}网格长 {grid.Leader}");
        Check(reported.Errors, m.Title);
        var state = Enum.Parse<MatterStatus>(m.State);
        if (state == MatterStatus.Reported)
        {
            return;
        }
        Check((await matters.AssignAsync(district, reported.Value, Enum.Parse<MatterTier>(m.Tier!), m.Handler!, null, by)).Errors, m.Title);
        if (state == MatterStatus.Escalated)
        {
            Check((await matters.EscalateAsync(reported.Value, m.Result!, m.Handler!)).Errors, m.Title);
            return;
        }
        if (state == MatterStatus.Assigned)
        {
            return;
        }
        Check((await matters.AcceptAsync(reported.Value, m.Handler!)).Errors, m.Title);
        if (state is MatterStatus.Handled)
        {
            Check((await matters.HandleAsync(reported.Value, "已上门核实情况，正在办理", m.Handler!)).Errors, m.Title);
        }
        if (state == MatterStatus.Closed)
        {
            Check((await matters.CloseAsync(reported.Value, m.Result!, m.Handler!)).Errors, m.Title);
            if (m.Rating is { } rating)
            {
                Check((await matters.RateAsync(reported.Value, m.Phone, Enum.Parse<Satisfaction>(rating))).Errors, m.Title);
            }
        }
    }

    private static void Check(System.Collections.Immutable.ImmutableArray<Marketplace.Domain.FieldError> errors, string what)
    {
        if (!errors.IsDefaultOrEmpty)
        {
            throw new InvalidOperationException($"seed/grids.json: {what}: " + string.Join("；", errors.Select(e => e.Message)));
        }
    }
}
