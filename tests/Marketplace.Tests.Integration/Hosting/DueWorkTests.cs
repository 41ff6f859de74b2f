using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
}

public sealed class DueWorkTests_Sqlite() : DueWorkTests(DatabaseTarget.Sqlite);

public sealed class DueWorkTests_Postgres() : DueWorkTests(DatabaseTarget.Postgres);
