using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Hosting;

/// <summary>
/// docs/decisions/0011: the timed work a grain schedules is stored in the same transaction as the state that
/// schedules it. A refused ScheduledWork row (a database trigger stands for a full disk) leaves the notice
/// unpublished; a stored one comes with its deadline; a restart after the commit still runs the work.
/// </summary>
public abstract class ScheduledWorkTransactionTests(DatabaseTarget target)
{
    [SkippableFact]
    public async Task A_failing_scheduled_work_write_leaves_the_notice_unpublished_and_a_successful_one_stores_both()
    {
        var skip = TestDatabase.SkipReason(target);
        Skip.If(skip is not null, skip);
        using var database = TestDatabase.Create(target);
        var clock = new MovableClock();
        await using var factory = new MarketplaceAppFactory(database, services: s => s.AddSingleton<TimeProvider>(clock));
        using var official = await AppSession.LoginAsync(factory, "dongshan");
        var id = await CreateDraftAsync(official, clock);
        var grain = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenderGrain>(id);
        var version = (await grain.GetInfoAsync())!.Version;

        await RefuseScheduledWorkAsync(factory, id, refuse: true);
        await Assert.ThrowsAnyAsync<Exception>(() => grain.PublishAsync(version, "dongshan"));

        Assert.Equal(TenderStatus.Draft, (await grain.GetInfoAsync())!.Status);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(TenderStatus.Draft, await db.Tenders.Where(t => t.Id == id).Select(t => t.Status).SingleAsync());
            Assert.False(await db.ScheduledWork.AnyAsync(w => w.SubjectId == id.ToString()));
        }

        // The same command again, once the row can be stored: the notice and its deadline, together.
        await RefuseScheduledWorkAsync(factory, id, refuse: false);
        var published = await grain.PublishAsync(version, "dongshan");
        Assert.True(published.Succeeded, published.Errors.IsDefaultOrEmpty ? "" : published.Errors[0].Message);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(TenderStatus.Published, await db.Tenders.Where(t => t.Id == id).Select(t => t.Status).SingleAsync());
            var work = await db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Kind == ITenderTimers.CloseKind && w.SubjectId == id.ToString());
            Assert.Equal(published.Value!.Notice.Deadline, work.DueAt, TimeSpan.FromMilliseconds(1));
            Assert.Null(work.CompletedAt);
        }
    }

    [SkippableFact]
    public async Task A_deadline_committed_with_the_notice_is_acted_on_after_a_restart()
    {
        var skip = TestDatabase.SkipReason(target);
        Skip.If(skip is not null, skip);
        using var database = TestDatabase.Create(target);
        Guid id;
        long workId;
        await using (var first = new MarketplaceAppFactory(database))
        {
            using var official = await AppSession.LoginAsync(first, "dongshan");
            id = await TenderForms.PublishAsync(official, DateTimeOffset.UtcNow, "重启测试 居家养老上门服务");
            await using var scope1 = first.Services.CreateAsyncScope();
            workId = await scope1.ServiceProvider.GetRequiredService<AppDbContext>().ScheduledWork
                .Where(w => w.Kind == ITenderTimers.CloseKind && w.SubjectId == id.ToString()).Select(w => w.Id).SingleAsync();
        }

        // Back up after the deadline passed while the app was down.
        var clock = new MovableClock();
        clock.Advance(TimeSpan.FromHours(3));
        var events = new DueWorkEvents();
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        events.Completed += done => // other timed work of the demo data falls due too
        {
            if (done == workId)
            {
                completed.TrySetResult();
            }
        };
        await using var second = new MarketplaceAppFactory(database, services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton(events);
        });
        _ = second.Server;

        await completed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await using var scope = second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var work = await db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Id == workId);
        Assert.NotNull(work.CompletedAt);
        // Closed at its deadline with no application, so the purchase failed (流标): the grain acted on the work.
        Assert.Equal(TenderStatus.Failed, await db.Tenders.Where(t => t.Id == id).Select(t => t.Status).SingleAsync());
    }

    private static async Task<Guid> CreateDraftAsync(AppSession official, TimeProvider clock)
    {
        var item = await TenderForms.PublishedItemAsync(official.Factory, "东山街道");
        var created = await official.PostFormAsync($"/Street/Tenders/Create/{item}", TenderForms.Notice(clock.GetUtcNow(), "事务测试 居家养老上门服务"));
        await TenderForms.AssertRedirectAsync(created);
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    /// <summary>A trigger that refuses this tender's ScheduledWork rows, as a full disk or a lost connection would.</summary>
    private async Task RefuseScheduledWorkAsync(MarketplaceAppFactory factory, Guid id, bool refuse)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var subject = id.ToString();
        string[] sql = (target, refuse) switch
        {
            (DatabaseTarget.Sqlite, true) =>
                [$"CREATE TRIGGER ScheduledWorkRefused BEFORE INSERT ON ScheduledWork WHEN NEW.SubjectId = '{subject}' BEGIN SELECT RAISE(ABORT, 'disk full'); END;"],
            (DatabaseTarget.Sqlite, false) => ["DROP TRIGGER ScheduledWorkRefused;"],
            (_, true) =>
            [
                "CREATE FUNCTION scheduled_work_refused() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql;",
                $"CREATE TRIGGER scheduled_work_refused BEFORE INSERT ON \"ScheduledWork\" FOR EACH ROW WHEN (NEW.\"SubjectId\" = '{subject}') EXECUTE FUNCTION scheduled_work_refused();",
            ],
            (_, false) => ["DROP TRIGGER scheduled_work_refused ON \"ScheduledWork\";"],
        };
        foreach (var statement in sql)
        {
            await db.Database.ExecuteSqlRawAsync(statement);
        }
    }
}

public sealed class ScheduledWorkTransactionTests_Sqlite() : ScheduledWorkTransactionTests(DatabaseTarget.Sqlite);

public sealed class ScheduledWorkTransactionTests_Postgres() : ScheduledWorkTransactionTests(DatabaseTarget.Postgres);
