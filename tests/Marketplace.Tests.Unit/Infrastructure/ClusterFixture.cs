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

namespace Marketplace.Tests.Unit.Infrastructure;

/// <summary>
/// An Orleans test cluster whose grains persist through the real EF grain storage into a real SQLite
/// file, with the reference data of seed/ (districts, streets, service areas, guiding catalogues).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private const string DataDirectoryKey = "MarketplaceTest:DataDirectory";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "marketplace-cluster", Guid.NewGuid().ToString("N"));
    public TestCluster Cluster { get; private set; } = default!;
    public IServiceProvider Services { get; private set; } = default!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
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
            var database = siloBuilder.Services.AddMarketplaceDatabase(configuration, dataDirectory);
            siloBuilder.Services.AddMarketplaceJobs(database); // grains schedule timed work (tender deadlines)
            siloBuilder.Services.AddMarketplaceGrainServices();
        }
    }
}

internal static class SqliteConnectionPools
{
    public static void Clear() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}
