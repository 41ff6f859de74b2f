using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Database;
using Marketplace.Web.Infrastructure.Jobs;
using Marketplace.Web.Infrastructure.Seeding;
using Marketplace.Web.Infrastructure.Silo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Marketplace.Bench.Submissions;

/// <summary>
/// The product's silo as the web host composes it (grain storage, submission log, directory, ledger,
/// timed work), without the web pages, on a fresh database: a SQLite file (WAL, synchronous commit) or a
/// fresh PostgreSQL database.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <param name="responseTimeout">Longer than Orleans' 30 s for the data generator only: on a shared 2-core machine one
    /// of its thousands of writes queued behind the others can take longer, and a generator has no reply to keep short.</param>
    public static async Task<BenchSilo> StartAsync(string provider, string? connectionString, string dataDirectory, TimeSpan? responseTimeout = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
            ["Database:DataDirectory"] = dataDirectory,
        });
        var database = builder.Services.AddMarketplaceDatabase(builder.Configuration, dataDirectory);
        builder.Services.AddMarketplaceJobs(database);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(21111, 31111);
            silo.Services.AddMarketplaceGrainServices();
            if (responseTimeout is { } timeout)
            {
                silo.Configure<SiloMessagingOptions>(m => m.ResponseTimeout = timeout);
            }
        });
        var host = builder.Build();
        await DatabaseMigrator.MigrateAsync(host.Services);
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await DemoDataSeeder.SeedReferenceDataAsync(db, CancellationToken.None);
        }
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
