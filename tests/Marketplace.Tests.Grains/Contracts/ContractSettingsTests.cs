using System.Collections.Immutable;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Tests.Grains.Infrastructure;
using Marketplace.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static Marketplace.Tests.Grains.Contracts.ContractTestData;

namespace Marketplace.Tests.Grains.Contracts;

/// <summary>
/// A district's contract settings are used for its new contracts; reminders before report due dates go out
/// once. This class owns its cluster, so 江宁区's settings changed here touch no other test.
/// </summary>
public sealed class ContractSettingsTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static ImmutableArray<Indicator> Sheet(params (string Code, string Name, decimal Weight)[] i) => [.. i.Select(x => new Indicator(x.Code, x.Name, x.Weight))];

    private static readonly ContractSettings Jiangning = new(
        [new(TrancheGate.Signing, 40m), new(TrancheGate.Final, 60m)],
        [
            new(EvaluationSource.Self, 20m, Sheet(("completion", "服务完成度", 40m), ("quality", "服务质量", 60m))),
            new(EvaluationSource.Peer, 10m, Sheet(("quality", "服务质量", 100m))),
            new(EvaluationSource.Public, 20m, Sheet(("satisfaction", "满意度", 100m))),
            new(EvaluationSource.ThirdParty, 50m, Sheet(("completion", "服务完成度", 50m), ("quality", "服务质量", 30m), ("archives", "档案管理", 20m))),
        ], 15, 10);

    /// <summary>Sheets as comparable values (ImmutableArray compares by reference).</summary>
    private static string[] Shape(ImmutableArray<SourceSheet> sheets) =>
        [.. sheets.Select(s => $"{s.Source}:{s.Weight}:" + string.Join(",", s.Indicators.Select(i => $"{i.Code}={i.Weight}")))];

    [Fact]
    public async Task A_districts_settings_shape_its_new_contracts_and_bad_settings_are_refused_unchanged()
    {
        var (tender, winner, _) = await cluster.ReadyForContractAsync();
        var settings = cluster.Grains.GetGrain<IDistrictContractSettingsGrain>(tender.DistrictId);
        var initial = (await settings.GetAsync()).Settings;
        Assert.Equal(Shape(ContractSettings.Default.Sheets), Shape(initial.Sheets));
        Assert.Equal(PaymentSchedule.Default, initial.Schedule.ToArray());

        var unbalanced = Jiangning with { Sheets = Jiangning.Sheets.SetItem(0, Jiangning.Sheets[0] with { Weight = 10m }) };
        var refused = await settings.UpdateAsync(0, unbalanced, "admin");
        Assert.Equal("各评估主体权重之和应为100，现为 90", Assert.Single(refused.Errors).Message);
        var badDays = await settings.UpdateAsync(0, Jiangning with { RectificationDays = 0, ReminderDays = 45 }, "admin");
        Assert.Equal(["整改期限应为1至180天", "提醒提前天数应为1至30天"], badDays.Errors.Select(e => e.Message));
        Assert.Equal(0, (await settings.GetAsync()).Version);
        Assert.True((await settings.UpdateAsync(0, Jiangning, "admin")).Succeeded);
        Assert.Equal("设置已被他人修改，请刷新页面后重试", (await settings.UpdateAsync(0, Jiangning, "admin")).Errors[0].Message);

        // An empty schedule takes the district's default; sheets, 整改 days and reminder days are copied.
        var contract = cluster.Grains.GetGrain<IContractGrain>(tender.Id);
        var created = await contract.CreateFromAwardAsync(cluster.Draft(tender.StreetId) with { Schedule = [] }, "dongshan");
        Assert.True(created.Succeeded);
        var c = created.Value!;
        Assert.Equal([(TrancheGate.Signing, 104_000m), (TrancheGate.Final, 156_000m)], c.Tranches.Select(t => (t.Gate, t.Amount.Yuan)));
        Assert.Equal(Shape(Jiangning.Sheets), Shape(c.Sheets));
        Assert.Equal((15, 10), (c.RectificationDays, c.ReminderDays));

        // Signed: the final report is due at the term's end, and the reminder runs 10 days before at 09:00 China time.
        Assert.True((await contract.SignAsStreetAsync(tender.StreetId, "dongshan")).Succeeded);
        Assert.True((await contract.SignAsOrganizationAsync(winner, Account, "ngo")).Succeeded);
        var subject = $"{tender.Id}:2:1";
        var reminder = await cluster.QueryAsync(db => db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Kind == IContractTimers.ReportReminderKind && w.SubjectId == subject));
        Assert.Equal(new DateTimeOffset(c.TermEnd.AddDays(-10).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)), reminder.DueAt);

        // The reminder runs twice (and the grain is asked once more): one notification.
        var runner = ((InProcessSiloHandle)cluster.Cluster.Primary!).SiloHost.Services.GetRequiredService<DueWorkRunner>();
        cluster.Clock.Advance(reminder.DueAt - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await runner.RunAsync(reminder.Id, CancellationToken.None);
        await runner.RunAsync(reminder.Id, CancellationToken.None);
        Assert.True((await contract.RemindReportAsync(2, 1)).Succeeded);
        var sent = (await contract.GetAsync())!.Notifications.Where(n => n.Text.StartsWith("提醒：", StringComparison.Ordinal)).ToList();
        var only = Assert.Single(sent);
        Assert.Equal("org:" + winner, only.Recipient);
        Assert.Contains($"应于{c.TermEnd:yyyy-MM-dd}前提交", only.Text);
        Assert.Equal(1, await cluster.QueryAsync(db => db.Notifications.CountAsync(n => n.Text == only.Text)));
    }
}
