using Marketplace.Grid;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Grid;

/// <summary>
/// A matter not closed by its working-day deadline is flagged overdue exactly once and counted against its
/// handler: the job runs early (nothing), twice after the deadline, and again on a second host after a crash
/// that left the job unfinished.
/// </summary>
public abstract class MatterOverdueRestartTests(DatabaseTarget target)
{
    [SkippableFact]
    public async Task A_matter_not_closed_in_time_is_flagged_once_across_runs_and_a_restart()
    {
        var skip = TestDatabase.SkipReason(target);
        Skip.If(skip is not null, skip);
        using var database = TestDatabase.Create(target);
        var clock = new MovableClock();
        Guid id;
        long street, workId;
        await using (var first = new MarketplaceAppFactory(database, services: s => s.AddSingleton<TimeProvider>(clock)))
        {
            _ = first.Server;
            (street, var district) = await GridFlow.ZhuangshiAsync(first);
            var grid = await GridFlow.GridAsync(first, street, "逾期测试网格");
            id = await GridFlow.ResidentMatterAsync(first, street, grid.No);
            Assert.True((await GridFlow.Matters(first, street).AssignAsync(district, id, MatterTier.Community, "勤勇村社会服务管理站", null, "周宁")).Succeeded);
            Assert.True((await GridFlow.Matters(first, street).AcceptAsync(id, "勤勇村 王建国")).Succeeded);
            var work = await QueryAsync(first, db => db.ScheduledWork.AsNoTracking()
                .SingleAsync(w => w.Kind == IMatterTimers.SolveDueKind && w.SubjectId == $"{street}:{id}"));
            workId = work.Id;
            var runner = first.Services.GetRequiredService<DueWorkRunner>();
            await runner.RunAsync(workId, CancellationToken.None); // before the deadline: nothing
            Assert.Empty((await Matter(first, street, id)).OverdueStages);

            clock.Advance(work.DueAt - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            await runner.RunAsync(workId, CancellationToken.None);
            await runner.RunAsync(workId, CancellationToken.None);
            Assert.Equal(1, Flags(await Matter(first, street, id)));

            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = await db.ScheduledWork.SingleAsync(w => w.Id == workId);
            row.CompletedAt = null; // as if the host stopped after the grain's write and before the job was marked done
            await db.SaveChangesAsync();
        }

        await using var second = new MarketplaceAppFactory(database, services: s => s.AddSingleton<TimeProvider>(clock));
        _ = second.Server;
        await second.Services.GetRequiredService<DueWorkRunner>().RunAsync(workId, CancellationToken.None);
        var m = await Matter(second, street, id);
        Assert.Equal(1, Flags(m));
        Assert.Equal([MatterNames.SolveStage], m.OverdueStages.ToArray());
        Assert.Contains(m.Steps, s => s.What.Contains("计入承办方 勤勇村社会服务管理站", StringComparison.Ordinal));
        Assert.Equal(1, MatterFigures.Of([m]).Overdue);
        // Accepted the same day: the first deadline was met and its job flags nothing.
        var firstWork = await QueryAsync(second, db => db.ScheduledWork.AsNoTracking()
            .SingleAsync(w => w.Kind == IMatterTimers.FirstDueKind && w.SubjectId == $"{street}:{id}"));
        await second.Services.GetRequiredService<DueWorkRunner>().RunAsync(firstWork.Id, CancellationToken.None);
        Assert.Equal([MatterNames.SolveStage], (await Matter(second, street, id)).OverdueStages.ToArray());
    }

    private static int Flags(Matter m) => m.Steps.Count(s => s.What.StartsWith("逾期未", StringComparison.Ordinal));

    private static async Task<Matter> Matter(MarketplaceAppFactory f, long street, Guid id) =>
        (await GridFlow.Matters(f, street).GetAsync()).Find(id)!;

    private static async Task<T> QueryAsync<T>(MarketplaceAppFactory f, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = f.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

public sealed class MatterOverdueRestartTests_Sqlite() : MatterOverdueRestartTests(DatabaseTarget.Sqlite);

public sealed class MatterOverdueRestartTests_Postgres() : MatterOverdueRestartTests(DatabaseTarget.Postgres);
