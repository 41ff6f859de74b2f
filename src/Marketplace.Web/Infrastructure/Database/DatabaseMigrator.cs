using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Infrastructure.Database;

public static class DatabaseMigrator
{
    /// <summary>Applies pending migrations; on SQLite turns on WAL so readers never wait for the writer.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        // Start-up time on a fresh database is mostly here and in seeding (issue 15); the log says which.
        // A bare service provider (the grain tests' fixture) has no logging: then nothing is written.
        services.GetService<ILoggerFactory>()?.CreateLogger(typeof(DatabaseMigrator))
            .LogInformation("{Pending} migrations applied in {Elapsed:0} ms, {Since:0} ms after process start", pending,
                System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds, (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds);
    }
}
