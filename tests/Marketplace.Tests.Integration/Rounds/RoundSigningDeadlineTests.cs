using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Rounds;

/// <summary>
/// Issue 13: a round's timers on the district's 到期事项 page with the round's title, and the signing deadline — when
/// 立项公示 ends each funded project's contract must be signed within the round's signing days (default 30); the
/// timed work releases an unsigned project's money once (<c>round:{id}:unsigned:{application}</c>), leaves a signed
/// one alone, and changes nothing when run twice or again after a restart.
/// </summary>
public abstract class RoundSigningDeadlineTests(DatabaseTarget target)
{
    [SkippableFact]
    public async Task An_unsigned_funded_project_is_released_once_at_its_signing_deadline_across_a_restart()
    {
        var skip = TestDatabase.SkipReason(target);
        Skip.If(skip is not null, skip);
        using var database = TestDatabase.Create(target);
        var clock = new MovableClock();
        const string title = "谷里街道公益创投（签约期限测试）";
        Guid id, renai;
        long renaiWork;
        string renaiKey;
        await using (var first = new MarketplaceAppFactory(database, services: s => s.AddSingleton<TimeProvider>(clock)))
        {
            _ = first.Server;
            var (round, organizer, lejia, renaiApp) = await RoundFlow.SelectedAsync(first, clock, title, "谷里街道");
            (id, renai) = (round.GetPrimaryKey(), renaiApp);
            RoundFlow.Ok((await round.PublishSelectionAsync(organizer, "guli")).Errors);
            var endsAt = (await round.GetInfoAsync())!.Publicity!.EndsAt;

            // 到期事项: the end of 立项公示 with the round's title and its time in China time; not another district's.
            using (var admin = await AppSession.LoginAsync(first, "admin.jiangning"))
            {
                var due = await admin.GetHtmlAsync("/District/DueWork");
                Assert.Contains("立项公示结束", due);
                Assert.Contains(title, due);
                Assert.Contains(endsAt.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), due);
                Assert.Contains("谷里街道", due);
            }
            using (var other = await AppSession.LoginAsync(first, "admin.wuxing"))
            {
                Assert.DoesNotContain(title, await other.GetHtmlAsync("/District/DueWork"));
            }

            // 公示 ends: each funded project (both here) gets its signing deadline, 30 days on, stored with the funded set.
            clock.Advance(endsAt - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            var endedAt = clock.GetUtcNow();
            RoundFlow.Ok((await round.EndPublicityIfDueAsync()).Errors);
            var signing = await SigningWorkAsync(first, id);
            Assert.Equal(2, signing.Count);
            // (the test clock also moves with real time, so the grain's 'now' is a moment after endedAt)
            Assert.All(signing, w => Assert.Equal(endedAt.AddDays(RoundSettings.DefaultSigningDays), w.DueAt, TimeSpan.FromSeconds(5)));
            renaiWork = signing.Single(w => w.SubjectId.EndsWith(renai.ToString(), StringComparison.Ordinal)).Id;
            using (var admin = await AppSession.LoginAsync(first, "admin.jiangning"))
            {
                var due = await admin.GetHtmlAsync("/District/DueWork");
                Assert.Contains("创投项目签约期限", due);
                Assert.Contains(endedAt.AddDays(30).ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), due);
            }

            // 乐家 signs; 仁爱 never does.
            var today = ChinaTime.Day(clock.GetUtcNow());
            RoundFlow.Ok((await round.CreateContractsAsync(organizer, today, today.AddMonths(11), "guli")).Errors);
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            var signed = grains.GetGrain<IContractGrain>(lejia);
            RoundFlow.Ok((await signed.SignAsStreetAsync(organizer.StreetId!.Value, "guli")).Errors);
            RoundFlow.Ok((await signed.SignAsOrganizationAsync(RoundFlow.Lejia, new BankAccount("中国银行南京江宁支行", "江宁区乐家社会工作服务中心", "4880581234500001"), "ngo.lejia")).Errors);

            var runner = first.Services.GetRequiredService<DueWorkRunner>();
            var budget = grains.GetGrain<Marketplace.Budgets.IStreetBudgetGrain>($"{organizer.StreetId}:{ChinaTime.Year(clock.GetUtcNow())}");
            renaiKey = $"round:{id:N}:unsigned:{renai:N}";
            foreach (var w in signing)
            {
                await runner.RunAsync(w.Id, CancellationToken.None); // before the deadline: nothing
            }
            Assert.Equal(ContractStatus.Drafted, (await grains.GetGrain<IContractGrain>(renai).GetAsync())!.Status);
            Assert.DoesNotContain(await budget.GetGroupsAsync(), g => g.IdempotencyKey.Contains(":unsigned:", StringComparison.Ordinal) && g.IdempotencyKey.StartsWith($"round:{id:N}", StringComparison.Ordinal));

            clock.Advance(TimeSpan.FromDays(RoundSettings.DefaultSigningDays) + TimeSpan.FromSeconds(1));
            foreach (var w in signing.Concat(signing))
            {
                await runner.RunAsync(w.Id, CancellationToken.None);
            }
            Assert.Equal(ContractStatus.Terminated, (await grains.GetGrain<IContractGrain>(renai).GetAsync())!.Status);
            Assert.Equal(ContractStatus.Signed, (await signed.GetAsync())!.Status);
            var groups = await budget.GetGroupsAsync();
            Assert.Single(groups, g => g.IdempotencyKey == renaiKey);
            Assert.DoesNotContain(groups, g => g.IdempotencyKey == $"round:{id:N}:unsigned:{lejia:N}");
            Assert.Empty(await budget.CheckAsync());

            // The host stops as if it had crashed after the release and before the job was marked done.
            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = await db.ScheduledWork.SingleAsync(w => w.Id == renaiWork);
            row.CompletedAt = null;
            await db.SaveChangesAsync();
        }

        await using var second = new MarketplaceAppFactory(database, services: s => s.AddSingleton<TimeProvider>(clock));
        _ = second.Server;
        await second.Services.GetRequiredService<DueWorkRunner>().RunAsync(renaiWork, CancellationToken.None);
        var info = (await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IVentureRoundGrain>(id).GetInfoAsync())!;
        var again = await second.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<Marketplace.Budgets.IStreetBudgetGrain>($"{info.Organizer.StreetId}:{info.Settings.ServiceYear}").GetGroupsAsync();
        Assert.Single(again, g => g.IdempotencyKey == renaiKey);
        Assert.Equal(ContractStatus.Terminated, (await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IContractGrain>(renai).GetAsync())!.Status);
        await using var check = second.Services.CreateAsyncScope();
        Assert.NotNull((await check.ServiceProvider.GetRequiredService<AppDbContext>().ScheduledWork.AsNoTracking().SingleAsync(w => w.Id == renaiWork)).CompletedAt);
    }

    private static async Task<List<Marketplace.Web.Data.Entities.ScheduledWork>> SigningWorkAsync(MarketplaceAppFactory f, Guid id)
    {
        await using var scope = f.Services.CreateAsyncScope();
        var prefix = id + ":";
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ScheduledWork.AsNoTracking()
            .Where(w => w.Kind == IRoundTimers.SigningDueKind && w.SubjectId.StartsWith(prefix)).ToListAsync();
    }
}

public sealed class RoundSigningDeadlineTests_Sqlite() : RoundSigningDeadlineTests(DatabaseTarget.Sqlite);

public sealed class RoundSigningDeadlineTests_Postgres() : RoundSigningDeadlineTests(DatabaseTarget.Postgres);
