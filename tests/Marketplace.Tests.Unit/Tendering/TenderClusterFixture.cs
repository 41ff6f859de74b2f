using System.Collections.Concurrent;
using Marketplace.Catalog;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Unit.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Database;
using Marketplace.Web.Infrastructure.Jobs;
using Marketplace.Web.Infrastructure.Seeding;
using Marketplace.Web.Infrastructure.Silo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Marketplace.Tests.Unit.Tendering;

/// <summary>Server time that a test can move forward, to stand one second after a deadline without waiting.</summary>
public sealed class MovableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary>
/// An Orleans test cluster like <see cref="ClusterFixture"/> (real EF grain storage on a real SQLite file,
/// seed reference data) plus the scheduled-work machinery and a server clock tests can move forward.
/// </summary>
public sealed class TenderClusterFixture : IAsyncLifetime
{
    private const string DataDirectoryKey = "MarketplaceTest:DataDirectory";
    private static readonly ConcurrentDictionary<string, MovableClock> Clocks = new();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "marketplace-cluster", Guid.NewGuid().ToString("N"));
    public TestCluster Cluster { get; private set; } = default!;
    public IServiceProvider Services { get; private set; } = default!;
    public MovableClock Clock { get; } = new();
    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        Clocks[DataDirectory] = Clock;
        Services = ClusterFixture.BuildDatabaseServices(DataDirectory);
        await DatabaseMigrator.MigrateAsync(Services);
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await DemoDataSeeder.SeedReferenceDataAsync(db, CancellationToken.None);
        }
        var builder = new TestClusterBuilder(1);
        builder.Properties[DataDirectoryKey] = DataDirectory;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Clocks.TryRemove(DataDirectory, out _);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public async Task ExecuteAsync(Func<AppDbContext, Task> change)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await change(db);
        await db.SaveChangesAsync();
    }

    /// <summary>A street of 江宁区 with a published transfer item to buy from.</summary>
    public async Task<(long StreetId, long DistrictId, Guid ItemId)> StreetWithItemAsync(string street)
    {
        var s = await QueryAsync(db => db.Streets.Where(x => x.Name == street).Select(x => new { x.Id, x.DistrictId }).SingleAsync());
        var catalog = Grains.GetGrain<IStreetCatalogGrain>(s.Id);
        var item = (await catalog.CreateAsync(new TransferItemDraft("居家养老上门服务", "为高龄独居老人提供上门探访",
            [ProviderType.SocialWorkAgency], "持证社工不少于2名", "服务方案", "elderly", Money.FromYuan(300_000m),
            PurchaseNature.Service, "A0101"), "test")).Value!;
        await catalog.PublishAsync(item.Id, item.Version, "test");
        return (s.Id, s.DistrictId, item.Id);
    }

    /// <summary>NGO accounts bound to these credit codes (what the default eligibility check asks for).</summary>
    public Task AddNgoAccountsAsync(params string[] usccs) => ExecuteAsync(db =>
    {
        db.Users.AddRange(usccs.Select(u => new ApplicationUser { UserName = "ngo-" + u, NormalizedUserName = "NGO-" + u, DisplayName = u, OrganizationUscc = u }));
        return Task.CompletedTask;
    });

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var dataDirectory = siloBuilder.Configuration[DataDirectoryKey]!;
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:DataDirectory"] = dataDirectory,
            }).Build();
            siloBuilder.Services.AddSingleton<TimeProvider>(Clocks[dataDirectory]);
            var database = siloBuilder.Services.AddMarketplaceDatabase(configuration, dataDirectory);
            siloBuilder.Services.AddMarketplaceJobs(database);
            siloBuilder.Services.AddMarketplaceGrainServices();
        }
    }
}
