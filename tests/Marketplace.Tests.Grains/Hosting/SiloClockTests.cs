using Marketplace.Catalog;
using Marketplace.Tests.Grains.Infrastructure;
using Marketplace.Tests.Grains.Tendering;
using Marketplace.Web.Infrastructure.Silo;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Marketplace.Tests.Grains.Hosting;

/// <summary>
/// The product's clock can be moved (these tests stand past deadlines with it); the silo's own heartbeats, health
/// checks and timeouts must keep real time. With one clock for both, a silo restarted after the clock jumped hours
/// judged its membership loops late and now and then stopped itself (MarketplaceGrainServices.KeepOrleansOnRealTime).
/// </summary>
public sealed class SiloClockTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private IServiceProvider SiloServices => ((InProcessSiloHandle)cluster.Cluster.Primary!).SiloHost.Services;

    [Fact]
    public void The_grains_read_the_product_clock_and_the_runtime_loops_the_system_clock()
    {
        Assert.Same(cluster.Clock, SiloServices.GetRequiredService<TimeProvider>());
        Assert.Same(cluster.Clock, SiloServices.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Grains));
        Assert.All(MarketplaceGrainServices.RuntimeClockAreas,
            area => Assert.Same(TimeProvider.System, SiloServices.GetRequiredKeyedService<TimeProvider>(area)));
    }

    [Fact]
    public async Task A_silo_restarted_after_the_product_clock_moved_a_month_serves_calls()
    {
        cluster.Clock.Advance(TimeSpan.FromDays(30));
        var (streetId, _, _) = await cluster.StreetWithItemAsync("东山街道");
        await cluster.RestartPrimaryAsync();
        Assert.Same(TimeProvider.System, SiloServices.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Membership));
        var items = await cluster.Grains.GetGrain<IStreetCatalogGrain>(streetId).GetItemsAsync();
        Assert.NotEmpty(items);
    }
}
