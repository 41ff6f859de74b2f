using System.Collections.Immutable;
using Marketplace.Calendar;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Grains.Infrastructure;
using Marketplace.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Marketplace.Tests.Grains.Tendering;

/// <summary>
/// 补抽 (财库〔2016〕198号): only experts who can act are drawn; a member who declines, does not declare in two
/// working days, or is disabled in the pool gives his seat to the next in the recorded order, with the reason.
/// </summary>
public sealed class TenderPanelReplacementTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private sealed record Setup(ITenderGrain Tender, IExpertPoolGrain Pool, string Field, long DistrictId);

    /// <summary>A closed tender of 东山街道 with three applicants, and a field of its own whose pool holds <paramref name="experts"/>.</summary>
    private async Task<Setup> ClosedAsync(params (string Name, bool Account)[] experts)
    {
        string[] usccs = [TenderTestData.NewUscc(), TenderTestData.NewUscc(), TenderTestData.NewUscc()];
        await cluster.AddNgoAccountsAsync(usccs);
        var (streetId, districtId, itemId) = await cluster.StreetWithItemAsync("东山街道");
        var field = "养老服务-" + Guid.NewGuid().ToString("N")[..6]; // other tests' experts stay out
        var pool = cluster.Grains.GetGrain<IExpertPoolGrain>(districtId);
        foreach (var (name, account) in experts)
        {
            Assert.True((await pool.AddAsync(new ExpertDraft(name, field, "南京某高校", null, account ? $"{name}-{field}" : null, null, []))).Succeeded);
        }
        var now = cluster.Clock.GetUtcNow();
        var notice = TenderRulesTests.Notice(now.AddMinutes(-1)) with { TransferItemId = itemId, Deadline = now.AddHours(1), ExpertField = field };
        await cluster.FundedAsync(streetId, notice.ServiceStart.Year);
        var tender = cluster.Grains.GetGrain<ITenderGrain>(Guid.NewGuid());
        var created = (await tender.CreateAsync(streetId, districtId, notice, "dongshan")).Value!;
        Assert.True((await tender.PublishAsync(created.Version, "dongshan")).Succeeded);
        for (var i = 0; i < usccs.Length; i++)
        {
            Assert.True((await tender.SubmitAsync(usccs[i], TenderTestData.Proposal(250_000m + i * 10_000m), $"k{i}", "ngo")).Succeeded);
        }
        cluster.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(TenderStatus.Closed, (await tender.CloseAsync()).Value!.Status);
        return new Setup(tender, pool, field, districtId);
    }

    /// <summary>The recorded order restricted to this test's field (the order covers the district's whole pool).</summary>
    private async Task<List<Guid>> FieldOrderAsync(Setup s, PanelRecord panel)
    {
        var mine = (await s.Pool.GetExpertsAsync()).Where(e => e.Field == s.Field).Select(e => e.Id).ToHashSet();
        return [.. panel.Order.Where(mine.Contains)];
    }

    private async Task<Guid> IdOfAsync(Setup s, string name) => (await s.Pool.GetExpertsAsync()).Single(e => e.Field == s.Field && e.Name == name).Id;

    [Fact]
    public async Task An_expert_without_an_account_is_never_drawn_so_the_panel_completes_and_reviews()
    {
        var s = await ClosedAsync(("钱明", false), ("赵", true), ("孙", true), ("周", true));
        var qian = await IdOfAsync(s, "钱明");

        Assert.Equal("评审小组人数（5）超过该领域可抽取专家人数（3）", (await s.Tender.RequestPanelAsync(5, "dongshan")).Errors[0].Message);
        var panel = (await s.Tender.RequestPanelAsync(3, "dongshan")).Value!;

        var order = await FieldOrderAsync(s, panel);
        Assert.Contains(qian, order); // in the recorded order, passed over by the rule
        Assert.Equal(order.Where(id => id != qian), panel.Members.Select(m => m.ExpertId));
        Assert.Equal(order.IndexOf(qian) < 3, panel.Skipped.Contains("钱明：无评审专家账号"));
        foreach (var m in panel.Members)
        {
            Assert.True((await s.Tender.DeclareAsync(m.UserName!, conflict: false, null)).Succeeded);
        }
        // Every seat declared: the review waits for scores now, not for an expert who could never sign in.
        Assert.Equal("尚有3位评审专家未完成评分", (await s.Tender.GetEvaluationAsync()).Errors[0].Message);
    }

    [Fact]
    public async Task A_member_who_declines_is_replaced_by_the_next_in_the_recorded_order()
    {
        var s = await ClosedAsync(("甲", true), ("乙", true), ("丙", true), ("丁", true));
        var panel = (await s.Tender.RequestPanelAsync(3, "dongshan")).Value!;
        var declining = panel.Members[0];

        Assert.True((await s.Tender.DeclineAsync(declining.UserName!, "当周在外地出差")).Succeeded);

        panel = (await s.Tender.GetPanelAsync())!;
        var left = panel.Members.Single(m => m.ExpertId == declining.ExpertId);
        Assert.Equal("已替换（拒绝：当周在外地出差）", left.Standing());
        var successor = panel.Members[^1];
        Assert.Equal(((await FieldOrderAsync(s, panel))[3], PanelMemberStatus.Drawn), (successor.ExpertId, successor.Status));
        Assert.Equal(successor.ExpertId, left.SucceededBy);
        Assert.Equal(3, panel.Sitting.Count());
        Assert.Equal("您已不在本项目评审小组中（已替换（拒绝：当周在外地出差））", (await s.Tender.DeclareAsync(declining.UserName!, false, null)).Errors[0].Message);
        Assert.Equal("您已不在本项目评审小组中（已替换（拒绝：当周在外地出差））", (await s.Tender.DeclineAsync(declining.UserName!, null)).Errors[0].Message);
        Assert.True((await s.Tender.DeclareAsync(successor.UserName!, false, null)).Succeeded);
        Assert.Equal("您已声明无利害关系，不能再拒绝参加评审", (await s.Tender.DeclineAsync(successor.UserName!, null)).Errors[0].Message);
    }

    [Fact]
    public async Task A_district_that_sets_three_declaration_days_gives_drawn_experts_three_working_days()
    {
        var s = await ClosedAsync(("甲", true), ("乙", true), ("丙", true));
        var district = cluster.Grains.GetGrain<IDistrictCalendarGrain>(s.DistrictId);
        Assert.Equal(2, (await district.GetAsync()).DeclarationWorkingDays); // the default
        Assert.Equal("声明期限应为1至10个工作日", (await district.SetDeclarationWorkingDaysAsync(11, "admin")).Errors[0].Message);
        Assert.True((await district.SetDeclarationWorkingDaysAsync(3, "admin")).Succeeded);
        try
        {
            var drawnAt = cluster.Clock.GetUtcNow();
            var panel = (await s.Tender.RequestPanelAsync(3, "dongshan")).Value!;
            var calendar = new ChineseWorkCalendar(OfficialHolidaySchedules.Days, (await district.GetAsync()).Amendments);
            var due = calendar.Period(drawnAt, 3).EndsAt;
            Assert.All(panel.Members, m => Assert.Equal(due, m.DeclareBy));
            Assert.True(WorkingDayPeriod.LastDayOf(due) > WorkingDayPeriod.LastDayOf(calendar.Period(drawnAt, 2).EndsAt));
            var work = await cluster.QueryAsync(db => db.ScheduledWork.AsNoTracking()
                .SingleAsync(w => w.Kind == ITenderTimers.DeclarationDueKind && w.SubjectId == $"{s.Tender.GetPrimaryKey()}:{panel.Members[0].ExpertId}"));
            Assert.Equal(due, work.DueAt, TimeSpan.FromMilliseconds(1));
        }
        finally
        {
            Assert.True((await district.SetDeclarationWorkingDaysAsync(2, "admin")).Succeeded); // the class's other tests expect the default
        }
    }

    [Fact]
    public async Task An_undeclared_member_is_replaced_once_after_two_working_days_even_when_the_timer_fires_twice()
    {
        var s = await ClosedAsync(("甲", true), ("乙", true), ("丙", true), ("丁", true), ("戊", true));
        // The district makes the next working day a holiday: the two working days step over it.
        var today = ChinaTime.Day(cluster.Clock.GetUtcNow());
        var holiday = ChineseWorkCalendar.Official.AddWorkingDays(today, 1);
        Assert.True((await cluster.Grains.GetGrain<IDistrictCalendarGrain>(s.DistrictId).SetDayAsync(holiday, CalendarDayKind.Holiday, "区调整", "admin")).Succeeded);
        var drawnAt = cluster.Clock.GetUtcNow();
        var panel = (await s.Tender.RequestPanelAsync(3, "dongshan")).Value!;
        var calendar = new ChineseWorkCalendar(OfficialHolidaySchedules.Days, [new CalendarDay(holiday, CalendarDayKind.Holiday, "区调整")]);
        var due = calendar.Period(drawnAt, PanelRoster.DeclarationWorkingDays).EndsAt;
        Assert.All(panel.Members, m => Assert.Equal(due, m.DeclareBy));
        Assert.True(WorkingDayPeriod.LastDayOf(due) > ChineseWorkCalendar.Official.AddWorkingDays(today, 2));

        // Two members declare in time; the third does not.
        Assert.True((await s.Tender.DeclareAsync(panel.Members[0].UserName!, false, null)).Succeeded);
        Assert.True((await s.Tender.DeclareAsync(panel.Members[1].UserName!, false, null)).Succeeded);
        var silent = panel.Members[2];
        var work = await cluster.QueryAsync(db => db.ScheduledWork.AsNoTracking()
            .SingleAsync(w => w.Kind == ITenderTimers.DeclarationDueKind && w.SubjectId == $"{s.Tender.GetPrimaryKey()}:{silent.ExpertId}"));
        Assert.Equal(due, work.DueAt, TimeSpan.FromMilliseconds(1));

        var runner = ((InProcessSiloHandle)cluster.Cluster.Primary!).SiloHost.Services.GetRequiredService<DueWorkRunner>();
        cluster.Clock.Advance(due - cluster.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        Assert.True((await s.Tender.DeclarationOverdueAsync(silent.ExpertId)).Succeeded); // a minute early: nothing
        Assert.Equal(3, (await s.Tender.GetPanelAsync())!.Members.Length);

        cluster.Clock.Advance(TimeSpan.FromMinutes(2));
        await runner.RunAsync(work.Id, CancellationToken.None);
        await runner.RunAsync(work.Id, CancellationToken.None); // the timer fires again
        await s.Tender.DeclarationOverdueAsync(silent.ExpertId); // and once more, as after a restart before it was recorded

        panel = (await s.Tender.GetPanelAsync())!;
        Assert.Equal(4, panel.Members.Length);
        var left = panel.Members.Single(m => m.ExpertId == silent.ExpertId);
        Assert.Equal((PanelMemberStatus.Replaced, PanelReplacementReason.Overdue), (left.Status, left.Replacement));
        Assert.Equal("已替换（超时未声明）", left.Standing());
        Assert.Equal((await FieldOrderAsync(s, panel))[3], panel.Members[^1].ExpertId);
        Assert.NotNull((await cluster.QueryAsync(db => db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Id == work.Id))).CompletedAt);
        // The successor has two working days of his own, timed by his own entry.
        var successor = panel.Members[^1];
        var successorWork = await cluster.QueryAsync(db => db.ScheduledWork.AsNoTracking()
            .SingleAsync(w => w.Kind == ITenderTimers.DeclarationDueKind && w.SubjectId == $"{s.Tender.GetPrimaryKey()}:{successor.ExpertId}"));
        Assert.Equal(successor.DeclareBy!.Value, successorWork.DueAt, TimeSpan.FromMilliseconds(1));
        Assert.True(successorWork.DueAt > due);
    }

    [Fact]
    public async Task The_street_replaces_a_member_disabled_in_the_pool_or_one_who_does_not_answer_and_is_refused_otherwise()
    {
        var s = await ClosedAsync(("甲", true), ("乙", true), ("丙", true), ("丁", true), ("戊", true));
        var panel = (await s.Tender.RequestPanelAsync(3, "dongshan")).Value!;
        var (confirmed, disabled, silent) = (panel.Members[0], panel.Members[1], panel.Members[2]);
        Assert.True((await s.Tender.DeclareAsync(confirmed.UserName!, false, null)).Succeeded);

        Assert.Equal($"{confirmed.Name}已声明无利害关系，不能替换；专家库停用该专家后方可替换",
            (await s.Tender.ReplaceMemberAsync(confirmed.ExpertId, "想换人", "东山街道 王芳")).Errors[0].Message);
        var noReason = await s.Tender.ReplaceMemberAsync(silent.ExpertId, " ", "东山街道 王芳");
        Assert.Equal(("ReplaceReason", "请填写替换原因（如无法联系、不能按时参加评审）"), (noReason.Errors[0].Field, noReason.Errors[0].Message));
        Assert.Equal("该专家不在本项目的评审小组中", (await s.Tender.ReplaceMemberAsync(Guid.NewGuid(), "无法联系", "东山街道 王芳")).Errors[0].Message);

        // Disabling him in the pool makes him replaceable without more words.
        Assert.True((await s.Pool.SetActiveAsync(disabled.ExpertId, false)).Succeeded);
        Assert.True((await s.Tender.ReplaceMemberAsync(disabled.ExpertId, null, "东山街道 王芳")).Succeeded);
        Assert.True((await s.Tender.ReplaceMemberAsync(silent.ExpertId, "电话三次无人接听", "东山街道 王芳")).Succeeded);

        panel = (await s.Tender.GetPanelAsync())!;
        Assert.Equal("已替换（已停用）", panel.Members.Single(m => m.ExpertId == disabled.ExpertId).Standing());
        Assert.Equal("已替换（手动替换：电话三次无人接听（东山街道 王芳））", panel.Members.Single(m => m.ExpertId == silent.ExpertId).Standing());
        Assert.Equal((await FieldOrderAsync(s, panel)).Skip(3).Take(2), panel.Members.Skip(3).Select(m => m.ExpertId));
        Assert.Equal(3, panel.Sitting.Count());

        // The recorded order is used up: the next replacement is refused and says why.
        var last = panel.Members[^1];
        Assert.Equal("评审小组缺1名专家：按记录的随机抽取顺序已无可补抽的专家，请联系区管理员补充专家库",
            (await s.Tender.ReplaceMemberAsync(last.ExpertId, "无法联系", "东山街道 王芳")).Errors[0].Message);
        Assert.Equal(3, (await s.Tender.GetPanelAsync())!.Sitting.Count());
        // A member who declines now leaves an empty seat, and the review says so.
        Assert.True((await s.Tender.DeclineAsync(last.UserName!, null)).Succeeded);
        Assert.Equal("评审小组缺1名专家：按记录的随机抽取顺序已无可补抽的专家，请联系区管理员补充专家库", (await s.Tender.GetEvaluationAsync()).Errors[0].Message);
    }
}
