using Marketplace.Catalog;
using Marketplace.Domain;
using Marketplace.Tests.Grains.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Grains.Catalog;

public sealed class StreetCatalogGrainTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static TransferItemDraft Draft(string title, decimal budget = 100_000m) => new(
        title, "为辖区高龄独居老人提供上门探访服务", [ProviderType.SocialWorkAgency], "持证社工不少于2名", "服务方案",
        "elderly", Money.FromYuan(budget), PurchaseNature.Service, "A0101");

    private async Task<long> StreetAsync(string name) =>
        await cluster.QueryAsync(db => db.Streets.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task Two_concurrent_edits_from_the_same_version_serialise_and_one_is_refused()
    {
        var grain = cluster.Grains.GetGrain<IStreetCatalogGrain>(await StreetAsync("汤山街道"));
        var created = await grain.CreateAsync(Draft("汤山助老"), "a");
        var id = created.Value!.Id;

        var edits = await Task.WhenAll(
            grain.UpdateAsync(id, 1, Draft("汤山助老（甲修改）", 110_000m), "甲"),
            grain.UpdateAsync(id, 1, Draft("汤山助老（乙修改）", 120_000m), "乙"));

        var winner = Assert.Single(edits, e => e.Succeeded);
        var loser = Assert.Single(edits, e => !e.Succeeded);
        Assert.Contains("已被他人修改", loser.Errors[0].Message);
        var stored = await grain.GetItemAsync(id);
        Assert.Equal(2, stored!.Version);
        Assert.Equal(winner.Value!.Fields.Title, stored.Fields.Title);
        Assert.Equal(winner.Value.Fields.ReferenceBudget, stored.Fields.ReferenceBudget);

        // The relational read model holds the same version and values as the grain.
        var row = await cluster.QueryAsync(db => db.TransferItems.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(2, row.Version);
        Assert.Equal(stored.Fields.Title, row.Title);
        Assert.Equal(stored.Fields.ReferenceBudget, row.ReferenceBudget);
    }

    [Fact]
    public async Task Many_concurrent_edits_in_sequence_lose_no_update()
    {
        var grain = cluster.Grains.GetGrain<IStreetCatalogGrain>(await StreetAsync("淳化街道"));
        var id = (await grain.CreateAsync(Draft("淳化"), "a")).Value!.Id;
        // Each caller retries with the version it reads, as a person would after "refresh and retry".
        async Task EditUntilAccepted(int n)
        {
            while (true)
            {
                var current = (await grain.GetItemAsync(id))!;
                var result = await grain.UpdateAsync(id, current.Version, Draft("淳化", current.Fields.ReferenceBudget.Yuan + 1), $"u{n}");
                if (result.Succeeded)
                {
                    return;
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 20).Select(EditUntilAccepted));
        var final = (await grain.GetItemAsync(id))!;
        Assert.Equal(21, final.Version);
        Assert.Equal(100_020m, final.Fields.ReferenceBudget.Yuan);
    }

    [Fact]
    public async Task Publish_and_withdraw_follow_the_lifecycle()
    {
        var grain = cluster.Grains.GetGrain<IStreetCatalogGrain>(await StreetAsync("禄口街道"));
        var item = (await grain.CreateAsync(Draft("禄口"), "a")).Value!;
        Assert.False((await grain.WithdrawAsync(item.Id, item.Version, "a")).Succeeded);
        var published = await grain.PublishAsync(item.Id, item.Version, "a");
        Assert.Equal(TransferItemStatus.Published, published.Value!.Status);
        Assert.NotNull(published.Value.PublishedAt);
        Assert.False((await grain.PublishAsync(item.Id, published.Value.Version, "a")).Succeeded);
        var withdrawn = await grain.WithdrawAsync(item.Id, published.Value.Version, "a");
        Assert.Equal(TransferItemStatus.Withdrawn, withdrawn.Value!.Status);
    }

    [Fact]
    public async Task Guiding_entry_of_another_district_is_refused()
    {
        // 吴兴区 has the same codes, but a street may only use its own district's catalogue: retire
        // the code in 江宁区 and it must be refused for a 江宁 street.
        await cluster.QueryAsync(async db =>
        {
            var jiangning = await db.Districts.SingleAsync(d => d.Name == "江宁区");
            var entry = await db.GuidingCatalogEntries.SingleAsync(g => g.DistrictId == jiangning.Id && g.Code == "A1201");
            entry.Active = false;
            return await db.SaveChangesAsync();
        });
        var grain = cluster.Grains.GetGrain<IStreetCatalogGrain>(await StreetAsync("谷里街道"));
        var result = await grain.CreateAsync(Draft("谷里志愿") with { GuidingEntryCode = "A1201", ServiceAreaCode = "volunteer" }, "a");
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Field == nameof(TransferItemDraft.GuidingEntryCode));
    }

    [Fact]
    public async Task State_is_read_back_after_deactivation()
    {
        var streetId = await StreetAsync("湖熟街道");
        var grain = cluster.Grains.GetGrain<IStreetCatalogGrain>(streetId);
        var id = (await grain.CreateAsync(Draft("湖熟"), "a")).Value!.Id;
        // Deactivate every grain: the next call activates a new instance that must read its state back.
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var again = cluster.Grains.GetGrain<IStreetCatalogGrain>(streetId);
        Assert.Equal("湖熟", (await again.GetItemAsync(id))!.Fields.Title);
    }
}
