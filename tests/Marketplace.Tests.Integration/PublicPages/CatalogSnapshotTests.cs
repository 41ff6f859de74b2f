using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Catalog;
using Marketplace.Tests.Integration.Catalog;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Marketplace.Tests.Integration.PublicPages;

/// <summary>
/// Issue 15: the public catalog is searched in an in-memory snapshot. A change is public within 1 s, in
/// the JSON and the page, and the snapshot answers every filter as the SQL search it replaced did.
/// </summary>
public abstract class CatalogSnapshotTests(AppFixture app, ITestOutputHelper output)
{
    private MarketplaceAppFactory Factory => app.Require();

    // A save on this silo marks the snapshot stale at once; a write it never sees (another silo's, or
    // ExecuteUpdate here) waits for the snapshot's 1 s maximum age plus its load on a busy machine.
    private static readonly TimeSpan SavedDeadline = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan UnseenDeadline = CatalogSnapshot.MaxAge + TimeSpan.FromSeconds(2);

    [SkippableFact]
    public async Task A_published_and_a_withdrawn_item_and_a_renamed_street_are_public_within_one_second()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        using var anonymous = new AppSession(Factory);
        var title = CatalogForms.Unique("目录快照事项");
        var (id, version) = await CatalogForms.CreateAsync(official, title);
        // Warm the snapshot and both cached answers before the change.
        Assert.Equal(0, await JsonTotalAsync(anonymous, title));
        Assert.False(Listed(await PageAsync(anonymous, title), title));

        await CatalogForms.PublishAsync(official, id, version);
        Assert.True(await PollAsync(SavedDeadline, async () => await JsonTotalAsync(anonymous, title) == 1), "published item in the JSON");
        Assert.True(await PollAsync(SavedDeadline, async () => Listed(await PageAsync(anonymous, title), title)), "published item on the page");

        var street = await DongshanAsync();
        var renamed = CatalogForms.Unique("东山新区街道");
        try
        {
            // Outside SaveChanges, as another silo's change looks to this one: only the maximum age shows it.
            Assert.Equal(1, await RenameAsync(street.Id, renamed));
            Assert.True(await PollAsync(UnseenDeadline, async () => await JsonStreetAsync(anonymous, title) == renamed), "renamed street in the JSON");
            Assert.True(await PollAsync(UnseenDeadline, async () => (await PageAsync(anonymous, title)).Contains($" · {renamed}</td>", StringComparison.Ordinal)), "renamed street on the page");
        }
        finally
        {
            await RenameAsync(street.Id, street.Name);
        }

        var published = await CatalogForms.FindAsync(Factory, title);
        var withdraw = await official.PostFormAsync("/Street/Catalog", [], $"/Street/Catalog?handler=Withdraw&id={id}&version={published!.Value.Version}");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, withdraw.StatusCode);
        Assert.True(await PollAsync(SavedDeadline, async () => await JsonTotalAsync(anonymous, title) == 0), "withdrawn item gone from the JSON");
        Assert.True(await PollAsync(SavedDeadline, async () => !Listed(await PageAsync(anonymous, title), title)), "withdrawn item gone from the page");
        // Never listed again: past the maximum age, every answer (fresh or cached) still leaves it out.
        var after = Stopwatch.StartNew();
        while (after.Elapsed < CatalogSnapshot.MaxAge * 2)
        {
            Assert.Equal(0, await JsonTotalAsync(anonymous, title));
            Assert.Equal(0, await JsonTotalAsync(anonymous, title, fresh: false));
        }
    }

    [SkippableFact]
    public async Task The_snapshot_answers_every_filter_as_the_sql_search_did()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var snapshot = Factory.Services.GetRequiredService<CatalogSnapshot>();
        var streets = await db.TransferItems.Where(i => i.Status == TransferItemStatus.Published).Select(i => i.StreetId).Distinct().OrderBy(s => s).Take(3).ToListAsync();
        var areas = await db.TransferItems.Where(i => i.Status == TransferItemStatus.Published).Select(i => i.ServiceAreaCode).Distinct().OrderBy(a => a).Take(2).ToListAsync();
        Assert.NotEmpty(streets);
        long?[] streetFilters = [null, .. streets.Select(s => (long?)s), -1];
        string?[] areaFilters = [null, "", .. areas, "无此领域"];
        // Chinese words, an ASCII letter in both cases (ordinal, as instr/strpos), padding, a LIKE wildcard.
        string?[] keywords = [null, " ", "养老", "服务", " 社区 ", "法律", "A", "a", "%", "_", "无此关键词"];
        var compared = 0;
        var version = await snapshot.GetAsync(CancellationToken.None);
        foreach (var street in streetFilters)
        {
            foreach (var area in areaFilters)
            {
                foreach (var q in keywords)
                {
                    foreach (var page in new[] { 1, 2, 0 })
                    {
                        var sql = await SqlSearch.SearchAsync(db, street, area, q, page);
                        var memory = CatalogQueries.SearchPublished(version, street, area, q, page);
                        var what = $"street={street} area={area} q='{q}' page={page}";
                        Assert.True(sql.Total == memory.Total, $"{what}: total {memory.Total}, SQL {sql.Total}");
                        Assert.Equal(Keys(sql), Keys(memory));
                        compared += sql.Items.Count;
                    }
                }
            }
        }
        Assert.True(compared > 0, "the demo catalog lists items for some filter");
        output.WriteLine($"snapshot = SQL for {streetFilters.Length * areaFilters.Length * keywords.Length * 3} filters, {compared} listed items compared");
    }

    // The item's link in the list; the keyword box echoes the title too.
    private static bool Listed(string html, string title) => html.Contains($">{title}</a>", StringComparison.Ordinal);

    private static List<string> Keys(CatalogQueries.Page page) =>
        [.. page.Items.Select(i => $"{i.DistrictId}/{i.StreetId}/{i.District}/{i.Street}/{i.Title}")];

    private static async Task<bool> PollAsync(TimeSpan deadline, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            if (await condition())
            {
                return true;
            }
        }
        return await condition();
    }

    // A query key of its own per poll, so the answer is built from the snapshot, not the output cache.
    private static string Fresh() => "&poll=" + Guid.NewGuid().ToString("N");

    private static async Task<int> JsonTotalAsync(AppSession session, string q, bool fresh = true) =>
        (await session.Http.GetFromJsonAsync<JsonElement>($"/api/public/catalog?q={Uri.EscapeDataString(q)}{(fresh ? Fresh() : "")}")).GetProperty("total").GetInt32();

    private static async Task<string?> JsonStreetAsync(AppSession session, string q)
    {
        var items = (await session.Http.GetFromJsonAsync<JsonElement>($"/api/public/catalog?q={Uri.EscapeDataString(q)}{Fresh()}")).GetProperty("items");
        return items.GetArrayLength() == 1 ? items[0].GetProperty("street").GetString() : null;
    }

    private static Task<string> PageAsync(AppSession session, string q) => session.GetHtmlAsync($"/Catalog?q={Uri.EscapeDataString(q)}{Fresh()}");

    private async Task<(long Id, string Name)> DongshanAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var s = await db.Streets.Where(s => s.Name == "东山街道").Select(s => new { s.Id, s.Name }).SingleAsync();
        return (s.Id, s.Name);
    }

    private async Task<int> RenameAsync(long street, string name)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Streets.Where(s => s.Id == street).ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, name));
    }
}

public sealed class CatalogSnapshotTests_Sqlite(SqliteApp app, ITestOutputHelper output) : CatalogSnapshotTests(app, output), IClassFixture<SqliteApp>;

public sealed class CatalogSnapshotTests_Postgres(PostgresApp app, ITestOutputHelper output) : CatalogSnapshotTests(app, output), IClassFixture<PostgresApp>;
