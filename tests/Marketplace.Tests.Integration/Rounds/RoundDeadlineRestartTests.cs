using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Rounds;

/// <summary>
/// A round's deadline is timed work in the database: the job runs early (nothing), twice after the deadline
/// (closed once), and the host stops before the job was marked done; a second host on the same database
/// hands it to the job queue again at start, and running it once more changes nothing.
/// </summary>
public abstract class RoundDeadlineRestartTests(DatabaseTarget target)
{
    [SkippableFact]
    public async Task A_round_closes_at_its_deadline_once_across_a_restart()
    {
        var skip = TestDatabase.SkipReason(target);
        Skip.If(skip is not null, skip);
        using var database = TestDatabase.Create(target);
        var clock = new MovableClock();
        var id = Guid.NewGuid();
        long workId;
        int closedVersion;
        await using (var first = new MarketplaceAppFactory(database, services: s => s.AddSingleton<TimeProvider>(clock)))
        {
            _ = first.Server;
            var (street, district) = await QueryAsync(first, db => db.Streets.Where(x => x.Name == "东山街道").Select(x => new ValueTuple<long, long>(x.Id, x.DistrictId)).SingleAsync());
            var organizer = new RoundOrganizer(district, street);
            var now = clock.GetUtcNow();
            var settings = new RoundSettings("东山街道公益创投（截止测试）", "百个公益项目助力街道服务", RoundSettings.DefaultCategories,
                Money.FromYuan(100_000m), FundingSource.WelfareLottery, Money.FromYuan(50_000m), 60m, 2, now.AddMinutes(-1), now.AddHours(3),
                RoundSettings.DefaultCriteria, null, 0m, "elderly", [], ChinaTime.Year(now));
            var round = Round(first, id);
            var created = await round.CreateAsync(organizer, settings, "dongshan");
            var opened = await round.OpenAsync(organizer, created.Value!.Version, "dongshan");
            Assert.True(opened.Succeeded, string.Join("; ", opened.Errors.Select(e => e.Message)));

            var work = await QueryAsync(first, db => db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Kind == IRoundTimers.CloseKind && w.SubjectId == id.ToString()));
            workId = work.Id;
            var runner = first.Services.GetRequiredService<Marketplace.Web.Infrastructure.Jobs.DueWorkRunner>();
            await runner.RunAsync(workId, CancellationToken.None); // before the deadline: nothing
            Assert.Equal(RoundStatus.Open, (await RowAsync(first, id)).Status);

            clock.Advance(work.DueAt - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            await runner.RunAsync(workId, CancellationToken.None);
            await runner.RunAsync(workId, CancellationToken.None);
            var closed = (await round.GetInfoAsync())!;
            Assert.Equal((RoundStatus.Closed, opened.Value!.Version + 1), (closed.Status, closed.Version));
            closedVersion = closed.Version;

            // The host stops as if it had crashed after the grain's write and before the job was marked done.
            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = await db.ScheduledWork.SingleAsync(w => w.Id == workId);
            row.CompletedAt = null;
            await db.SaveChangesAsync();
        }

        await using var second = new MarketplaceAppFactory(database, services: s => s.AddSingleton<TimeProvider>(clock));
        _ = second.Server;
        await second.Services.GetRequiredService<Marketplace.Web.Infrastructure.Jobs.DueWorkRunner>().RunAsync(workId, CancellationToken.None);

        var info = (await Round(second, id).GetInfoAsync())!;
        Assert.Equal((RoundStatus.Closed, closedVersion), (info.Status, info.Version));
        Assert.Equal(RoundStatus.Closed, (await RowAsync(second, id)).Status);
        Assert.NotNull((await QueryAsync(second, db => db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Id == workId))).CompletedAt);
    }

    private static IVentureRoundGrain Round(MarketplaceAppFactory f, Guid id) => f.Services.GetRequiredService<IGrainFactory>().GetGrain<IVentureRoundGrain>(id);

    /// <summary>The district's list entry, which pages and the public list read.</summary>
    private static async Task<RoundSummary> RowAsync(MarketplaceAppFactory f, Guid id)
    {
        var info = (await Round(f, id).GetInfoAsync())!;
        var list = await f.Services.GetRequiredService<IGrainFactory>().GetGrain<IVentureRoundListGrain>(info.Organizer.DistrictId).ListAsync();
        return list.Single(r => r.Id == id);
    }

    private static async Task<T> QueryAsync<T>(MarketplaceAppFactory f, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = f.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

public sealed class RoundDeadlineRestartTests_Sqlite() : RoundDeadlineRestartTests(DatabaseTarget.Sqlite);

public sealed class RoundDeadlineRestartTests_Postgres() : RoundDeadlineRestartTests(DatabaseTarget.Postgres);
