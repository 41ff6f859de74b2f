using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Catalog;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Catalog;

/// <summary>
/// A catalog import (one state write for many items, how the demo catalog is loaded) leaves the items,
/// their read-model rows and the public catalog as creating and publishing them one by one does.
/// </summary>
public abstract class CatalogImportTests(AppFixture app)
{
    // A save on this silo marks the public catalog stale at once (CatalogSnapshotTests).
    private static readonly TimeSpan SavedDeadline = TimeSpan.FromSeconds(1);

    private MarketplaceAppFactory Factory => app.Require();

    private IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();

    [SkippableFact]
    public async Task Imported_items_end_as_the_items_created_and_published_one_by_one()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var byHandTitle = CatalogForms.Unique("逐项录入");
        var (publishedId, version) = await CatalogForms.CreateAsync(official, byHandTitle + "甲");
        await CatalogForms.PublishAsync(official, publishedId, version);
        var (draftId, _) = await CatalogForms.CreateAsync(official, byHandTitle + "乙");
        var grain = Grains.GetGrain<IStreetCatalogGrain>((await RowAsync(publishedId)).StreetId);
        TransferItem[] byHand = [(await grain.GetItemAsync(publishedId))!, (await grain.GetItemAsync(draftId))!];

        using var anonymous = new AppSession(Factory);
        var importTitle = CatalogForms.Unique("批量导入");
        Assert.Equal(0, (await JsonAsync(anonymous, importTitle)).GetProperty("total").GetInt32()); // cached before the import
        var imported = await grain.ImportAsync(
            [new(byHand[0].Fields with { Title = importTitle + "甲" }, true), new(byHand[1].Fields with { Title = importTitle + "乙" }, false)],
            byHand[0].UpdatedBy);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors.Select(e => e.Message)));

        foreach (var (made, expected) in imported.Value!.Zip(byHand))
        {
            Assert.Equal(expected.Fields, made.Fields with { Title = expected.Fields.Title, ProviderTypes = expected.Fields.ProviderTypes });
            Assert.Equal(expected.Fields.ProviderTypes.ToArray(), made.Fields.ProviderTypes.ToArray());
            Assert.Equal((expected.StreetId, expected.Status, expected.Version, expected.UpdatedBy, expected.PublishedAt is null),
                (made.StreetId, made.Status, made.Version, made.UpdatedBy, made.PublishedAt is null));
            var stored = (await grain.GetItemAsync(made.Id))!;
            Assert.Equal((made.Status, made.Version, made.Fields.Title), (stored.Status, stored.Version, stored.Fields.Title));
            var (row, twin) = (await RowAsync(made.Id), await RowAsync(expected.Id));
            Assert.Equal((twin.DistrictId, twin.Status, twin.Version, twin.ServiceAreaCode, twin.ProviderTypes, twin.ReferenceBudget, twin.GuidingEntryCode, twin.UpdatedBy),
                (row.DistrictId, row.Status, row.Version, row.ServiceAreaCode, row.ProviderTypes, row.ReferenceBudget, row.GuidingEntryCode, row.UpdatedBy));
        }

        // Public at once, in the JSON and on the page, exactly as its one-by-one twin; the draft in neither.
        Assert.True(await PollAsync(async () => (await JsonAsync(anonymous, importTitle)).GetProperty("total").GetInt32() == 1), "imported item in the JSON");
        var listed = Assert.Single((await JsonAsync(anonymous, importTitle)).GetProperty("items").EnumerateArray());
        var twinListed = Assert.Single((await JsonAsync(anonymous, byHandTitle)).GetProperty("items").EnumerateArray());
        Assert.Equal(imported.Value[0].Id, listed.GetProperty("id").GetGuid());
        Assert.Equal(importTitle + "甲", listed.GetProperty("title").GetString());
        Assert.Equal(Without(twinListed, "id", "title", "publishedAt", "updatedAt"), Without(listed, "id", "title", "publishedAt", "updatedAt"));
        var page = await anonymous.GetHtmlAsync("/Catalog?q=" + Uri.EscapeDataString(importTitle));
        Assert.Contains(importTitle + "甲", page);
        Assert.DoesNotContain(importTitle + "乙", page);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync($"/Catalog/Details/{imported.Value[0].Id}")).StatusCode);
        Assert.Contains(importTitle + "乙", await official.GetHtmlAsync("/Street/Catalog"));
    }

    [SkippableFact]
    public async Task An_import_with_one_invalid_item_is_refused_whole()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var (id, _) = await CatalogForms.CreateAsync(official, CatalogForms.Unique("导入样本"));
        var grain = Grains.GetGrain<IStreetCatalogGrain>((await RowAsync(id)).StreetId);
        var sample = (await grain.GetItemAsync(id))!;
        var before = (await grain.GetItemsAsync()).Length;
        var valid = CatalogForms.Unique("导入有效");

        var refused = await grain.ImportAsync(
            [new(sample.Fields with { Title = valid }, true), new(sample.Fields with { Title = CatalogForms.Unique("导入无效"), GuidingEntryCode = "Z9999" }, true)],
            sample.UpdatedBy);

        Assert.False(refused.Succeeded);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("[1].GuidingEntryCode", error.Field);
        Assert.Contains("指导性目录", error.Message);
        Assert.Equal(before, (await grain.GetItemsAsync()).Length);
        Assert.Null(await CatalogForms.FindAsync(Factory, valid));
    }

    private async Task<TransferItemRow> RowAsync(Guid id)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().TransferItems.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private static Task<JsonElement> JsonAsync(AppSession session, string q) =>
        session.Http.GetFromJsonAsync<JsonElement>("/api/public/catalog?q=" + Uri.EscapeDataString(q));

    private static string Without(JsonElement item, params string[] names) =>
        string.Join("|", item.EnumerateObject().Where(p => !names.Contains(p.Name)).Select(p => $"{p.Name}={p.Value.GetRawText()}"));

    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + SavedDeadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(20); // polling interval, not synchronisation
        }
        return true;
    }
}

public sealed class CatalogImportTests_Sqlite(SqliteApp app) : CatalogImportTests(app), IClassFixture<SqliteApp>;

public sealed class CatalogImportTests_Postgres(PostgresApp app) : CatalogImportTests(app), IClassFixture<PostgresApp>;
