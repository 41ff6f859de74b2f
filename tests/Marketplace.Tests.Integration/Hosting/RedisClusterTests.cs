using Marketplace.Catalog;
using Marketplace.Domain;
using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace Marketplace.Tests.Integration.Hosting;

/// <summary>
/// Two app hosts configured with Silo:Clustering=Redis form one Orleans cluster (each sees both silos),
/// and a grain reached through either host enforces the same versions.
/// </summary>
public sealed class RedisClusterTests
{
    private const string RedisVariable = "MARKETPLACE_TEST_REDIS";

    [SkippableFact]
    public async Task Two_hosts_with_redis_clustering_form_one_cluster()
    {
        var redis = Environment.GetEnvironmentVariable(RedisVariable);
        Skip.If(string.IsNullOrEmpty(redis), $"Redis clustering skipped: set {RedisVariable} to a Redis server, e.g. 127.0.0.1:6379 (CI does).");
        using var database = TestDatabase.Create(DatabaseTarget.Sqlite);
        var cluster = new Dictionary<string, string?>
        {
            ["Silo:Clustering"] = "Redis",
            ["Silo:RedisConnectionString"] = redis,
            ["Silo:ClusterId"] = "redis-test-" + Guid.NewGuid().ToString("N")[..8],
            ["Silo:ServiceId"] = "marketplace-test",
        };
        await using var first = new MarketplaceAppFactory(database, cluster);
        _ = first.Server;
        await using var second = new MarketplaceAppFactory(database, cluster);
        _ = second.Server;

        var management = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);

        // An edit made from an old version through the second host is refused.
        var streetId = 1L;
        var viaFirst = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IStreetCatalogGrain>(streetId);
        var viaSecond = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IStreetCatalogGrain>(streetId);
        var draft = new TransferItemDraft("集群测试事项", "为辖区老人提供探访服务", [ProviderType.SocialWorkAgency], "按月报送台账", "",
            "elderly", Money.FromYuan(1000m), PurchaseNature.Service, "A0101");
        var created = (await viaFirst.CreateAsync(draft, "a")).Value!;
        Assert.True((await viaFirst.UpdateAsync(created.Id, 1, draft with { Title = "第一台修改" }, "a")).Succeeded);
        var stale = await viaSecond.UpdateAsync(created.Id, 1, draft with { Title = "第二台修改" }, "b");
        Assert.False(stale.Succeeded);
        Assert.Equal("第一台修改", (await viaSecond.GetItemAsync(created.Id))!.Fields.Title);
    }
}
