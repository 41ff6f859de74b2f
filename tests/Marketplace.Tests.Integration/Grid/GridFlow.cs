using Marketplace.Grid;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Grid;

/// <summary>Steps the grid tests share: the seeded 庄市街道, a grid of the test's own, a resident's matter.</summary>
public static class GridFlow
{
    public const string Phone = "13805741234";

    public static async Task<(long Street, long District)> ZhuangshiAsync(MarketplaceAppFactory f)
    {
        await using var scope = f.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var s = await db.Streets.AsNoTracking().SingleAsync(x => x.Name == "庄市街道");
        return (s.Id, s.DistrictId);
    }

    public static IStreetMattersGrain Matters(MarketplaceAppFactory f, long street) =>
        f.Services.GetRequiredService<IGrainFactory>().GetGrain<IStreetMattersGrain>(street);

    /// <summary>A new grid named <paramref name="name"/> in the street, with the given worker account.</summary>
    public static async Task<GridUnit> GridAsync(MarketplaceAppFactory f, long street, string name, string worker = "")
    {
        var grain = f.Services.GetRequiredService<IGrainFactory>().GetGrain<IStreetGridGrain>(street);
        var version = (await grain.GetAsync()).Version;
        var saved = await grain.SaveAsync(new GridUnit(0, name, "勤勇村", CommunityKind.Village, 150, "王建国", worker, worker.Length > 0 ? [worker] : []), version, "庄市街道 周宁");
        Assert.True(saved.Succeeded, string.Join("；", saved.Errors.IsDefault ? [] : saved.Errors.Select(e => e.Message)));
        return saved.Value!;
    }

    public static async Task<Guid> ResidentMatterAsync(MarketplaceAppFactory f, long street, int grid, string title = "楼道灯损坏")
    {
        var r = await Matters(f, street).ReportAsync(new MatterReport(grid, MatterSource.Resident, title, "elderly", "勤勇村3组18号",
            "楼道灯坏了一周，老人夜里上下楼不方便", [], [], "李阿姨", Phone), "", "居民");
        Assert.True(r.Succeeded);
        return r.Value;
    }
}
