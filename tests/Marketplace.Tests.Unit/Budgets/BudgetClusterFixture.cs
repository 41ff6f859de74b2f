using Marketplace.Persistence;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Database;
using Marketplace.Web.Infrastructure.GrainStorage;
using Marketplace.Web.Infrastructure.Silo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Marketplace.Tests.Unit.Budgets;

/// <summary>
/// An in-process Orleans silo over a real SQLite file, with the product's grain services, plus a storage
/// wrapper that can be told to fail its next write (to prove a failed write changes nothing).
/// </summary>
public sealed class BudgetClusterFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "marketplace-ledger-tests", Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    public FailingWrites Failures { get; } = new();
    public IDbContextFactory<AppDbContext> Db { get; private set; } = null!;

    /// <summary>Seeded: district A with streets A1, A2; district B with street B1; service areas.</summary>
    public long DistrictA { get; private set; }
    public long DistrictB { get; private set; }
    private long _nextStreet;
    private long _firstStreetOfA;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_directory, "ledger.db"), Pooling = true, DefaultTimeout = 30,
        }.ToString();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = connection,
            ["Database:DataDirectory"] = _directory,
        }).Build();

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddMarketplaceDatabase(configuration, _directory);
            silo.Services.AddMarketplaceGrainServices();
            silo.Services.AddSingleton(Failures);
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Marketplace, (sp, _) =>
                new FailOnDemandStorage(ActivatorUtilities.CreateInstance<EfGrainStorage>(sp), Failures));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        var services = Cluster.Silos[0].ServiceProvider;
        await DatabaseMigrator.MigrateAsync(services);
        Db = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A street of district A no other test uses, so tests never share a ledger.</summary>
    public long NewStreetInA() => Interlocked.Increment(ref _nextStreet) + _firstStreetOfA - 1;

    private async Task SeedAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        db.ServiceAreas.AddRange(
            new ServiceArea { Code = "elderly", Name = "养老助残", SortOrder = 0 },
            new ServiceArea { Code = "youth", Name = "青少年服务", SortOrder = 1 });
        var a = new District { City = "南京市", Name = "江宁区" };
        a.Streets.AddRange(Enumerable.Range(1, 40).Select(i => new Street { Name = $"测试街道{i}" }));
        var b = new District { City = "湖州市", Name = "吴兴区" };
        b.Streets.Add(new Street { Name = "月河街道" });
        db.Districts.AddRange(a, b);
        await db.SaveChangesAsync();
        DistrictA = a.Id;
        DistrictB = b.Id;
        _firstStreetOfA = a.Streets.Min(s => s.Id);
    }
}

/// <summary>Tells <see cref="FailOnDemandStorage"/> to fail the next write.</summary>
public sealed class FailingWrites
{
    private int _pending;

    public void FailNextWrite() => Interlocked.Exchange(ref _pending, 1);

    public bool TakeFailure() => Interlocked.Exchange(ref _pending, 0) == 1;
}

/// <summary>The real grain storage, except that it throws (before touching the database) when told to.</summary>
public sealed class FailOnDemandStorage(IGrainStorage inner, FailingWrites failures) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        failures.TakeFailure()
            ? throw new IOException("Simulated storage failure (disk full).")
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}

[CollectionDefinition(Name)]
public sealed class BudgetClusterCollection : ICollectionFixture<BudgetClusterFixture>
{
    public const string Name = "budget cluster";
}
