using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Database;
using Marketplace.Web.Infrastructure.Jobs;
using Marketplace.Web.Infrastructure.Seeding;
using Marketplace.Web.Infrastructure.Silo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Marketplace.Tests.Grains.Infrastructure;

/// <summary>
/// An Orleans test cluster whose grains persist through the real EF grain storage into a real SQLite
/// file, with the reference data of seed/ (districts, streets, service areas, guiding catalogues).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private const string DataDirectoryKey = "MarketplaceTest:DataDirectory";
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MovableClock> Clocks = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, FailingWrites> Faults = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, EnteredCalls> Entries = new();

    /// <summary>The silo's server time: the real clock until a test moves it forward (e.g. past a deadline).</summary>
    public MovableClock Clock { get; } = new();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "marketplace-cluster", Guid.NewGuid().ToString("N"));
    public TestCluster Cluster { get; private set; } = default!;
    public IServiceProvider Services { get; private set; } = default!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>Switch of the silos' grain storage (one for the cluster, kept across a silo restart): the next write fails once, or a share of all.</summary>
    public FailingWrites Failures { get; } = new();

    /// <summary>The calls that have reached a grain of the cluster, by grain and method.</summary>
    public EnteredCalls Entered { get; } = new();

    /// <summary>Stops the primary silo (its grains deactivate) and starts it again, as a host restart does.</summary>
    public async Task RestartPrimaryAsync() => await Cluster.RestartSiloAsync(Cluster.Primary!);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        Clocks[DataDirectory] = Clock;
        Faults[DataDirectory] = Failures;
        Entries[DataDirectory] = Entered;
        Services = BuildDatabaseServices(DataDirectory);
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
        Faults.TryRemove(DataDirectory, out _);
        Entries.TryRemove(DataDirectory, out _);
        SqliteConnectionPools.Clear();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // still held by a finishing silo; the temp folder is cleaned later
        }
    }

    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    internal static ServiceProvider BuildDatabaseServices(string dataDirectory)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = dataDirectory,
        }).Build();
        var services = new ServiceCollection();
        services.AddMarketplaceDatabase(configuration, dataDirectory);
        return services.BuildServiceProvider();
    }

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
            siloBuilder.Services.AddMarketplaceJobs(database); // grains schedule timed work (tender deadlines)
            siloBuilder.Services.AddMarketplaceGrainServices();
            FailOnDemandStorage.Register(siloBuilder.Services, Faults[dataDirectory]);
            siloBuilder.AddIncomingGrainCallFilter(Entries[dataDirectory]);
        }
    }
}

/// <summary>Server time a test can move forward, to stand one second after a deadline without waiting.</summary>
public sealed class MovableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

internal static class SqliteConnectionPools
{
    public static void Clear() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}
