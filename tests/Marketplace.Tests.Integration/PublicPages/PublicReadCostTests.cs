using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Catalog;
using Marketplace.Tests.Integration.Disclosure;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Marketplace.Tests.Integration.PublicPages;

/// <summary>
/// Issue 15: what a public read costs when the output cache misses. The tender JSON is read from the Tenders
/// read model alone (the notice's 评分标准 travel with the row, so a listing costs no grain call however many
/// tenders it lists); the catalog JSON and page are a fixed number of statements whatever the catalog's size.
/// </summary>
public abstract class PublicReadCostTests(CountedApp app, ITestOutputHelper output)
{
    private MarketplaceAppFactory Factory => app.Require();

    private readonly RequestCost _cost = new(app, output);

    private static readonly string[] Criteria = ["服务方案 40", "服务团队 20", "服务经验 10", "价格 30"];

    [SkippableFact]
    public async Task The_public_tender_list_and_detail_json_make_no_grain_call()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), "调用计数 公开接口 社区助餐服务");
        using var anonymous = new AppSession(Factory);

        // The publish evicted the cached tender reads, so both requests below are answered from the database.
        var list = await _cost.MeasureAsync("GET /api/public/tenders", () => anonymous.GetAsync("/api/public/tenders"), HttpStatusCode.OK);
        var detail = await _cost.MeasureAsync("GET /api/public/tenders/{id}", () => anonymous.GetAsync($"/api/public/tenders/{id}"), HttpStatusCode.OK);

        // Before the criteria column: one ITenderGrain.GetInfoAsync per listed tender.
        RequestCost.AtMost(list, grainCalls: 0, commands: 2); // the tenders, their published results
        RequestCost.AtMost(detail, grainCalls: 0, commands: 2);
        Assert.Equal(Criteria, await CriteriaAsync(anonymous, id));
    }

    [SkippableFact]
    public async Task A_tender_projected_before_the_criteria_column_still_shows_its_criteria()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), "调用计数 迁移前发布的项目");
        // The row as the migration leaves a tender published before it: no criteria yet. Nothing read it
        // before, so no cached answer hides the database.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await db.Tenders.Where(t => t.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Criteria, (IReadOnlyList<PublishedCriterion>?)null)));
        }
        using var anonymous = new AppSession(Factory);

        var detail = await _cost.MeasureAsync("GET /api/public/tenders/{id} of a row without criteria",
            () => anonymous.GetAsync($"/api/public/tenders/{id}?before-migration=1"), HttpStatusCode.OK);

        Assert.Equal(["ITenderGrain.GetInfoAsync"], detail.GrainCalls);
        Assert.Equal(Criteria, await CriteriaAsync(anonymous, id, "?before-migration=2"));
    }

    [SkippableFact]
    public async Task The_district_feed_takes_award_times_from_the_tender_rows_and_asks_a_grain_only_for_a_row_from_before_the_column()
    {
        var (id, _) = await PublicityFlow.InPublicityAsync(Factory, app.Clock, "调用计数 订阅 居家养老服务");
        var awardedAt = (await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenderGrain>(id).GetInfoAsync())!.Award!.AwardedAt;
        long district;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            district = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenders.Where(t => t.Id == id).Select(t => t.DistrictId).SingleAsync();
        }
        using var anonymous = new AppSession(Factory);

        var feed = await _cost.MeasureAsync("GET /feeds/{district}.atom", () => anonymous.GetAsync($"/feeds/{district}.atom"), HttpStatusCode.OK);
        // Before the AwardedAt column: one ITenderGrain.GetInfoAsync per awarded tender (rounds still ask their grains).
        Assert.DoesNotContain("ITenderGrain.GetInfoAsync", feed.GrainCalls);
        Assert.Equal(Seconds(awardedAt), await PublicityEntryTimeAsync(anonymous, $"/feeds/{district}.atom?after=1", id));

        // The row as the migration leaves a tender awarded before it: its grain answers, for that row alone.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenders.Where(t => t.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.AwardedAt, (DateTimeOffset?)null)));
        }
        var before = await _cost.MeasureAsync("GET /feeds/{district}.atom with a row without AwardedAt",
            () => anonymous.GetAsync($"/feeds/{district}.atom?before-migration=1"), HttpStatusCode.OK);
        Assert.Single(before.GrainCalls, c => c == "ITenderGrain.GetInfoAsync");
        Assert.Equal(Seconds(awardedAt), await PublicityEntryTimeAsync(anonymous, $"/feeds/{district}.atom?before-migration=2", id));
    }

    private static DateTimeOffset Seconds(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, at.Offset);

    private static async Task<DateTimeOffset> PublicityEntryTimeAsync(AppSession session, string url, Guid tender)
    {
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await session.Http.GetStringAsync(url)).Root!;
        var entry = feed.Elements(atom + "entry").Single(e => e.Element(atom + "id")!.Value.EndsWith($"/Tenders/Details/{tender}#publicity", StringComparison.Ordinal));
        return DateTimeOffset.Parse(entry.Element(atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [SkippableFact]
    public async Task A_catalog_cache_miss_reads_the_snapshot_and_its_load_is_one_statement()
    {
        using var anonymous = new AppSession(Factory);
        var snapshot = Factory.Services.GetRequiredService<CatalogSnapshot>();

        // A change saved to the catalog's tables marks the snapshot stale: the next read loads it, once.
        snapshot.Invalidate();
        var load = await _cost.MeasureAsync("GET /api/public/catalog (snapshot load)",
            () => anonymous.GetAsync($"/api/public/catalog?q={Unique()}"), HttpStatusCode.OK);
        Assert.Single(load.Commands);
        Assert.Empty(load.GrainCalls);

        // Keywords no other request asked, so neither answer comes from the output cache: both are searched
        // in the warm snapshot. A measurement the one-second background reload ran into is taken again (a
        // request costs milliseconds, so five in a row meeting a reload means the miss itself reads the database).
        var json = await WarmAsync(snapshot, "GET /api/public/catalog (cache miss, warm snapshot)", q => anonymous.GetAsync($"/api/public/catalog?q={q}&page=2"));
        var page = await WarmAsync(snapshot, "GET /Catalog (cache miss, warm snapshot)", q => anonymous.GetAsync($"/Catalog?q={q}&page=2"));
        RequestCost.AtMost(json, grainCalls: 0, commands: 0);
        RequestCost.AtMost(page, grainCalls: 0, commands: 0);
    }

    private async Task<CallCounter.Calls> WarmAsync(CatalogSnapshot snapshot, string what, Func<string, Task<HttpResponseMessage>> request)
    {
        for (var attempt = 1; ; attempt++)
        {
            await snapshot.GetAsync(CancellationToken.None);
            var calls = await _cost.MeasureAsync(what, () => request(Unique()), HttpStatusCode.OK, mayCostNothing: true);
            if (calls.Commands.Count == 0 || attempt == 5)
            {
                return calls;
            }
        }
    }

    private static string Unique() => Uri.EscapeDataString(CatalogForms.Unique("计数"));

    private static async Task<string[]> CriteriaAsync(AppSession session, Guid id, string query = "")
    {
        using var json = JsonDocument.Parse(await session.Http.GetStringAsync($"/api/public/tenders/{id}{query}"));
        return [.. json.RootElement.GetProperty("criteria").EnumerateArray()
            .Select(c => $"{c.GetProperty("name").GetString()} {c.GetProperty("points").GetDecimal():0.##}")];
    }
}

public sealed class PublicReadCostTests_Sqlite(SqliteCountedApp app, ITestOutputHelper output)
    : PublicReadCostTests(app, output), IClassFixture<SqliteCountedApp>;

public sealed class PublicReadCostTests_Postgres(PostgresCountedApp app, ITestOutputHelper output)
    : PublicReadCostTests(app, output), IClassFixture<PostgresCountedApp>;
