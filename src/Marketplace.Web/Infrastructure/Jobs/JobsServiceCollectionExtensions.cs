using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Marketplace.Web.Infrastructure.Database;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure.Jobs;

public static class JobsServiceCollectionExtensions
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Hangfire: in memory on SQLite (no SQLite storage is served), on PostgreSQL otherwise (shared by all
    /// silos, so each job runs once across the cluster). Either way the database's ScheduledWork table is
    /// the truth, and what Hangfire does not hold of it is re-scheduled at start.
    /// </summary>
    public static IServiceCollection AddMarketplaceJobs(this IServiceCollection services, DatabaseOptions db)
    {
        // Hangfire keeps its storage in a process-wide static as well; this host uses the storage it
        // created itself (registered before AddHangfire, which only adds one if none is there), so two
        // hosts in one process (tests, a side-by-side tool) never hand jobs to each other.
        JobStorage? storage = null;
        services.AddSingleton<JobStorage>(sp =>
        {
            _ = sp.GetRequiredService<IGlobalConfiguration>(); // runs the configuration below
            return storage!;
        });
        // The same holds for the job activator: Hangfire's default is the process-wide JobActivator.Current, which
        // the last host configured replaces, so a job fetched by this host's server would be built from another
        // host's services (its database, its grains) and find nothing to do.
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) =>
        {
            LiveHostsHangfireLogs.Instance.Add(sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<IHostApplicationLifetime>());
            c.UseLogProvider(LiveHostsHangfireLogs.Instance)
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (db.Provider == DatabaseProvider.Postgres)
            {
                // Deadlines and the end of 公示 should be acted on within seconds, not Hangfire's default 15.
                storage = c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(db.ConnectionString),
                    new PostgreSqlStorageOptions { QueuePollInterval = PollInterval }).Entry;
            }
            else
            {
                storage = c.UseInMemoryStorage().Entry;
            }
        });
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            o.SchedulePollingInterval = PollInterval;
        });
        services.AddOptions<DueWorkOptions>().BindConfiguration(DueWorkOptions.Section);
        services.AddSingleton<DueWork>();
        services.AddSingleton<StagedDueWork>();
        services.AddSingleton<DueWorkEvents>();
        services.AddTransient<DueWorkRunner>();
        services.AddHostedService<DueWorkRescheduler>();
        return services;
    }

    /// <summary>
    /// The dashboard is for operators only: it spans all districts and can enqueue or delete any job (a
    /// district admin of one district could delete another district's tender-closing timer).
    /// </summary>
    public static void MapMarketplaceJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new OperatorOnly()],
            DashboardTitle = "后台任务",
        }, app.Services.GetRequiredService<JobStorage>()); // this host's storage, never the process-wide static

    private sealed class OperatorOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.IsInRole(Roles.Operator);
    }
}

/// <summary>
/// At start, hands the unfinished scheduled work due within the horizon that Hangfire does not hold back to
/// it (before the host serves, as before); then sweeps every <see cref="DueWorkOptions.SweepInterval"/> so
/// work due later is handed as it comes within the horizon. The sweep keeps real time (PeriodicTimer): it
/// only looks, and what it finds due is judged by the product's clock.
/// </summary>
public sealed class DueWorkRescheduler(
    DueWork dueWork, DueWorkEvents events, IOptions<DueWorkOptions> options, ILogger<DueWorkRescheduler> log) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var (handed, held) = await dueWork.RescheduleUnfinishedAsync(cancellationToken);
        log.LogInformation("Re-scheduled {Count} unfinished timed work item(s) due within {Horizon}; {Held} already held by Hangfire",
            handed, options.Value.Horizon, held);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SweepInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var (handed, _) = await dueWork.RescheduleUnfinishedAsync(stoppingToken);
                if (handed > 0)
                {
                    log.LogInformation("Sweep handed {Count} timed work item(s) that came within {Horizon}", handed, options.Value.Horizon);
                }
                events.RaiseSwept(handed);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A sweep that fails (the database restarting) is tried again at the next tick; the host keeps serving.
                log.LogError(ex, "Sweep of timed work failed; trying again in {Interval}", interval);
            }
        }
    }
}
