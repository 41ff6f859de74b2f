using Hangfire;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Tests.Integration.Hosting;

/// <summary>
/// Timed work lives in the database; Hangfire only runs it. Work that was due while the app was down
/// (Hangfire.InMemory forgets everything on restart) runs once the app is back, exactly once.
/// </summary>
public abstract class DueWorkTests(DatabaseTarget target)
{
    private sealed class RecordingHandler : IDueWorkHandler
    {
        public string Kind => "test.record";
        public List<string> Runs { get; } = [];
        public TaskCompletionSource<string> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync(string subjectId, CancellationToken ct)
        {
            lock (Runs)
            {
                Runs.Add(subjectId);
            }
            Started.TrySetResult(subjectId);
            await Release.Task;
        }
    }

    /// <summary>
    /// Made before every other hosted service of its host (the host makes them all, then starts them): configures
    /// this host's Hangfire, then starts another host, so the Hangfire server made next finds the other's defaults.
    /// </summary>
    private sealed class StartsAnotherHostFirst : IHostedService
    {
        public StartsAnotherHostFirst(IServiceProvider services, Action startOther)
        {
            _ = services.GetRequiredService<Hangfire.IGlobalConfiguration>();
            startOther();
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [SkippableFact]
    public async Task Work_due_while_the_app_was_down_runs_after_restart_exactly_once()
    {
        var skip = TestDatabase.SkipReason(target);
        Skip.If(skip is not null, skip);
        using var database = TestDatabase.Create(target);
        long workId;
        await using (var first = new MarketplaceAppFactory(database))
        {
            _ = first.Server;
            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var work = new ScheduledWork { Kind = "test.record", SubjectId = "tender-42", DueAt = DateTimeOffset.UtcNow.AddMinutes(-5) };
            db.ScheduledWork.Add(work);
            await db.SaveChangesAsync();
            workId = work.Id;
        }

        var handler = new RecordingHandler();
        await using var second = new MarketplaceAppFactory(database, services: s => s.AddSingleton<IDueWorkHandler>(handler));
        _ = second.Server;
        var completed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        second.Services.GetRequiredService<DueWorkEvents>().Completed += id => completed.TrySetResult(id);

        Assert.Equal("tender-42", await handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        handler.Release.SetResult();
        Assert.Equal(workId, await completed.Task.WaitAsync(TimeSpan.FromSeconds(60)));

        // Running the job again (a retry, a second start) changes nothing.
        await second.Services.GetRequiredService<DueWorkRunner>().RunAsync(workId, CancellationToken.None);
        Assert.Equal(["tender-42"], handler.Runs);
        await using var check = second.Services.CreateAsyncScope();
        var row = await check.ServiceProvider.GetRequiredService<AppDbContext>().ScheduledWork.AsNoTracking().SingleAsync(w => w.Id == workId);
        Assert.NotNull(row.CompletedAt);
        Assert.Equal(1, row.Attempts);
    }

    /// <summary>
    /// Two hosts alive in one process (the test suite, a side-by-side tool): each host's jobs are carried out with
    /// that host's own services. Hangfire's default activator is process-wide, so host A's job ran with host B's
    /// database, found no such row and did nothing: a district report stayed at 0% (CI, stop 22).
    /// </summary>
    [SkippableFact]
    public async Task Two_hosts_in_one_process_each_carry_out_their_own_work()
    {
        var skip = TestDatabase.SkipReason(target);
        Skip.If(skip is not null, skip);
        using var databaseA = TestDatabase.Create(target);
        using var databaseB = TestDatabase.Create(target);
        var handlerA = new RecordingHandler();
        var handlerB = new RecordingHandler();
        handlerA.Release.SetResult();
        handlerB.Release.SetResult();
        await using var b = new MarketplaceAppFactory(databaseB, services: s => s.AddSingleton<IDueWorkHandler>(handlerB));
        // Host B starts while host A is starting, after A configured Hangfire and before A's Hangfire server is made
        // (as two test classes' hosts start side by side): the process-wide defaults are then B's.
        await using var a = new MarketplaceAppFactory(databaseA, services: s =>
        {
            s.AddSingleton<IDueWorkHandler>(handlerA);
            s.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => new StartsAnotherHostFirst(sp, () => _ = b.Server)));
        });
        _ = a.Server;

        await a.Services.GetRequiredService<DueWork>().ScheduleAsync("test.record", "report-of-a", DateTimeOffset.UtcNow);
        Assert.Equal("report-of-a", await handlerA.Started.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        await b.Services.GetRequiredService<DueWork>().ScheduleAsync("test.record", "report-of-b", DateTimeOffset.UtcNow);
        Assert.Equal("report-of-b", await handlerB.Started.Task.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(["report-of-a"], handlerA.Runs);
        Assert.Equal(["report-of-b"], handlerB.Runs);

        // Host B, the last to configure Hangfire, stops; host A still makes and runs jobs (Hangfire's log provider
        // is process-wide too, and B's logger factory is disposed).
        await b.DisposeAsync();
        Assert.True(Hangfire.Logging.LogProvider.GetLogger(typeof(DueWorkTests)).Log(Hangfire.Logging.LogLevel.Error, () => "after host B stopped"));
        var again = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        a.Services.GetRequiredService<DueWorkEvents>().Completed += id => again.TrySetResult(id);
        await a.Services.GetRequiredService<DueWork>().ScheduleAsync("test.record", "second-report-of-a", DateTimeOffset.UtcNow);
        await again.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(["report-of-a", "second-report-of-a"], handlerA.Runs);
    }

    /// <summary>
    /// Work due months ahead (a contract's report, its reminder) is not handed to Hangfire at all: 20,000 contracts
    /// made 80,051 timers at start (issue 15). It waits in the database, is not handed by a restart's start
    /// either, and the first re-hand after it comes within the horizon hands it once.
    /// </summary>
    [SkippableFact]
    public async Task Work_due_beyond_the_horizon_waits_in_the_database_until_it_comes_near()
    {
        var skip = TestDatabase.SkipReason(target);
        Skip.If(skip is not null, skip);
        using var database = TestDatabase.Create(target);
        var clock = new MovableClock();
        var horizon = new DueWorkOptions().Horizon;
        long workId;
        await using (var first = new MarketplaceAppFactory(database, services: s => s.AddSingleton<TimeProvider>(clock)))
        {
            _ = first.Server;
            await first.Services.GetRequiredService<DueWork>().ScheduleAsync("test.record", "report-in-three-days", clock.GetUtcNow().AddDays(3));
            workId = await WorkIdAsync(first, "report-in-three-days");
            Assert.Equal(0, JobsFor(first, workId));
        }

        var handler = new RecordingHandler();
        await using var second = new MarketplaceAppFactory(database, services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton<IDueWorkHandler>(handler);
        });
        _ = second.Server; // its start re-handed what was due within the horizon: not this row
        Assert.Equal(0, JobsFor(second, workId));
        var dueWork = second.Services.GetRequiredService<DueWork>();
        await dueWork.RescheduleUnfinishedAsync();
        Assert.Equal(0, JobsFor(second, workId));

        clock.Advance(TimeSpan.FromDays(3) - horizon / 2);
        var (handed, _) = await dueWork.RescheduleUnfinishedAsync();
        Assert.True(handed >= 1, $"handed {handed}"); // the demo data's own timed work may come near as well
        Assert.NotNull(HeldDueWork.WorkIds(second.Services.GetRequiredService<JobStorage>())[workId]); // scheduled, half a day ahead
        await dueWork.RescheduleUnfinishedAsync();
        Assert.Equal(1, JobsFor(second, workId));
        Assert.Empty(handler.Runs);
    }

    /// <summary>
    /// The hosted sweep, not a test's call, hands work as it comes within the horizon, and Hangfire then runs it
    /// when it is due by the product's clock.
    /// </summary>
    [SkippableFact]
    public async Task The_sweep_hands_work_that_came_within_the_horizon_and_it_runs_when_due()
    {
        var skip = TestDatabase.SkipReason(target);
        Skip.If(skip is not null, skip);
        using var database = TestDatabase.Create(target);
        var clock = new MovableClock();
        var horizon = new DueWorkOptions().Horizon;
        var handler = new RecordingHandler();
        handler.Release.SetResult();
        await using var app = new MarketplaceAppFactory(database,
            extra: new Dictionary<string, string?> { ["DueWork:SweepInterval"] = "00:00:00.200" },
            services: s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddSingleton<IDueWorkHandler>(handler);
            });
        _ = app.Server;
        var sweeps = 0;
        var sweptTwice = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Services.GetRequiredService<DueWorkEvents>().Swept += _ =>
        {
            if (Interlocked.Increment(ref sweeps) == 2)
            {
                sweptTwice.TrySetResult();
            }
        };
        await app.Services.GetRequiredService<DueWork>().ScheduleAsync("test.record", "closing-after-tomorrow", clock.GetUtcNow() + horizon + TimeSpan.FromMinutes(10));
        var workId = await WorkIdAsync(app, "closing-after-tomorrow");
        await sweptTwice.Task.WaitAsync(TimeSpan.FromSeconds(60)); // at least one whole sweep saw the row beyond the horizon
        Assert.Equal(0, JobsFor(app, workId));
        Assert.Empty(handler.Runs);

        // The demo data's own timed work that comes due with the move runs too; only this row's completion is awaited.
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Services.GetRequiredService<DueWorkEvents>().Completed += id =>
        {
            if (id == workId)
            {
                completed.TrySetResult();
            }
        };
        clock.Advance(horizon + TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1)); // due a second from now
        await completed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(["closing-after-tomorrow"], handler.Runs);
    }

    private static async Task<long> WorkIdAsync(MarketplaceAppFactory app, string subjectId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ScheduledWork.AsNoTracking()
            .Where(w => w.SubjectId == subjectId).Select(w => w.Id).SingleAsync();
    }

    /// <summary>Hangfire jobs (scheduled or enqueued) that would run the given row: counted, not just seen.</summary>
    private static int JobsFor(MarketplaceAppFactory app, long workId)
    {
        var monitor = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var jobs = monitor.ScheduledJobs(0, 10_000).Select(j => j.Value.Job)
            .Concat(monitor.Queues().SelectMany(q => monitor.EnqueuedJobs(q.Name, 0, 10_000).Select(j => j.Value.Job)));
        return jobs.Count(j => j is { Type.Name: nameof(DueWorkRunner), Args: [long id, ..] } && id == workId);
    }
}

public sealed class DueWorkTests_Sqlite() : DueWorkTests(DatabaseTarget.Sqlite);

public sealed class DueWorkTests_Postgres() : DueWorkTests(DatabaseTarget.Postgres);
