using Marketplace.Contracts;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Contracts;

/// <summary>
/// A progress report not filed by its due date fails that evaluation exactly once: the job runs twice, the
/// host stops after the grain wrote the failure but before the job was marked done, and a second host on the
/// same database runs the job again at start.
/// </summary>
public abstract class ReportDueRestartTests(DatabaseTarget target)
{
    private const string Failure = "未按期提交进度报告，本期评估记为不合格";

    [SkippableFact]
    public async Task A_report_not_filed_by_its_due_date_fails_that_evaluation_once_across_a_restart()
    {
        var skip = TestDatabase.SkipReason(target);
        Skip.If(skip is not null, skip);
        using var database = TestDatabase.Create(target);
        var clock = new MovableClock();
        Guid id;
        long workId;
        await using (var first = new MarketplaceAppFactory(database, services: s => s.AddSingleton<TimeProvider>(clock)))
        {
            _ = first.Server;
            (id, _) = await ContractFlow.SignedAsync(first, clock, "报告逾期测试 居家养老上门服务");
            var subject = $"{id}:2:1";
            var work = await QueryAsync(first, db => db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Kind == IContractTimers.ReportDueKind && w.SubjectId == subject));
            workId = work.Id;
            var runner = first.Services.GetRequiredService<DueWorkRunner>();
            await runner.RunAsync(workId, CancellationToken.None); // before the due date: nothing
            Assert.False((await Contract(first, id).GetAsync())!.EvaluationOf(2)!.Decided);

            clock.Advance(work.DueAt - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            await runner.RunAsync(workId, CancellationToken.None);
            await runner.RunAsync(workId, CancellationToken.None);
            Assert.Equal(1, await FailuresAsync(first, id));

            // The host stops as if it had crashed after the grain's write and before the job was marked done.
            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = await db.ScheduledWork.SingleAsync(w => w.Id == workId);
            row.CompletedAt = null;
            await db.SaveChangesAsync();
        }

        // The second host hands the unfinished row to Hangfire at start; running it once more by hand changes nothing either.
        await using var second = new MarketplaceAppFactory(database, services: s => s.AddSingleton<TimeProvider>(clock));
        _ = second.Server;
        await second.Services.GetRequiredService<DueWorkRunner>().RunAsync(workId, CancellationToken.None);
        Assert.True((await Contract(second, id).ReportOverdueAsync(2, 1)).Succeeded);

        Assert.Equal(1, await FailuresAsync(second, id));
        var c = (await Contract(second, id).GetAsync())!;
        var failed = c.Evaluations.Single(e => e.TrancheNo == 2 && e.Round == 1);
        Assert.Equal((Marketplace.Contracts.EvaluationGrade.Fail, Failure), (failed.Grade!.Value, failed.Note));
        Assert.Equal(2, c.Evaluations.Count(e => e.TrancheNo == 2)); // one 整改 round, not two
        Assert.Equal(TrancheStatus.Held, c.Tranches[1].Status);
        Assert.NotNull((await QueryAsync(second, db => db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Id == workId))).CompletedAt);
        Assert.Equal(1, await QueryAsync(second, db => db.ScheduledWork.CountAsync(w => w.Kind == IContractTimers.ReportDueKind && w.SubjectId == $"{id}:2:2")));
    }

    private static IContractGrain Contract(MarketplaceAppFactory f, Guid id) => f.Services.GetRequiredService<IGrainFactory>().GetGrain<IContractGrain>(id);

    /// <summary>How often the failure was recorded: decided evaluations with the note, and the notices sent about it.</summary>
    private static async Task<int> FailuresAsync(MarketplaceAppFactory f, Guid id)
    {
        var c = (await Contract(f, id).GetAsync())!;
        var decided = c.Evaluations.Count(e => e.Note == Failure);
        var told = c.Notifications.Count(n => n.Recipient == "org:" + c.Uscc && n.Text.Contains(Failure, StringComparison.Ordinal));
        Assert.Equal(decided, told);
        return decided;
    }

    private static async Task<T> QueryAsync<T>(MarketplaceAppFactory f, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = f.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

public sealed class ReportDueRestartTests_Sqlite() : ReportDueRestartTests(DatabaseTarget.Sqlite);

public sealed class ReportDueRestartTests_Postgres() : ReportDueRestartTests(DatabaseTarget.Postgres);
