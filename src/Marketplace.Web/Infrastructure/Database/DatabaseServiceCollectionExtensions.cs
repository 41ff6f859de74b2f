using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Web.Infrastructure.Database;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AppDbContext"/> (scoped) and <see cref="IDbContextFactory{AppDbContext}"/> for
    /// the configured provider. Nothing else in the product knows which database it runs on.
    /// </summary>
    public static DatabaseOptions AddMarketplaceDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var dataDir = Path.GetFullPath(options.DataDirectory, contentRoot);
            Directory.CreateDirectory(dataDir);
            options.DataDirectory = dataDir;
            options.ConnectionString ??= new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(dataDir, "marketplace.db"),
                Cache = SqliteCacheMode.Private,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
            services.AddPooledDbContextFactory<SqliteAppDbContext>((sp, o) => WithEviction(sp, o.UseSqlite(options.ConnectionString).AddInterceptors(sp.GetRequiredService<AuditSaveChangesInterceptor>())));
            services.AddSingleton<IDbContextFactory<AppDbContext>>(sp =>
                new UpcastFactory<SqliteAppDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteAppDbContext>>()));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres.");
            }
            options.ConnectionString = PostgresPool.WithDefaultCap(options.ConnectionString); // the grain storage and Hangfire read it from here too
            services.AddPooledDbContextFactory<PostgresAppDbContext>((sp, o) => WithEviction(sp, o.UseNpgsql(options.ConnectionString).AddInterceptors(sp.GetRequiredService<AuditSaveChangesInterceptor>())));
            services.AddSingleton<IDbContextFactory<AppDbContext>>(sp =>
                new UpcastFactory<PostgresAppDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresAppDbContext>>()));
        }
        services.AddSingleton(options);
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditSaveChangesInterceptor>();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        return options;
    }

    /// <summary>Saved changes evict the cached public reads where the web host caches them (not in a bare silo).</summary>
    private static void WithEviction(IServiceProvider services, DbContextOptionsBuilder builder)
    {
        if (services.GetService<Caching.PublicReadEviction>() is { } eviction)
        {
            builder.AddInterceptors(eviction);
        }
    }

    private sealed class UpcastFactory<T>(IDbContextFactory<T> inner) : IDbContextFactory<AppDbContext>
        where T : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
