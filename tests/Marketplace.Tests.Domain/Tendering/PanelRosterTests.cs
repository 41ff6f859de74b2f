using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Tendering;

namespace Marketplace.Tests.Domain.Tendering;

/// <summary>The panel's rules without a grain: who may be drawn, and 补抽 from the recorded order (财库〔2016〕198号).</summary>
public sealed class PanelRosterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset DeclareBy = Now.AddDays(2);
    private static readonly PanelContext Context = new("养老服务", 7, ["91320115MA1XXXXXX1"]);
    private static readonly Money Ceiling = Money.FromYuan(300_000m);

    private static Expert E(int n, bool account = true, bool active = true) =>
        new(new Guid(n, 0, 0, new byte[8]), $"专家{n}", "养老服务", "南京某高校", null, account ? $"expert{n}" : null, null, [], active);

    private static Dictionary<Guid, Expert> Pool(params Expert[] experts) => experts.ToDictionary(e => e.Id);

    private static PanelRecord Drawn(Dictionary<Guid, Expert> pool, int size = 3, ulong seed = 42UL) =>
        PanelRoster.Draw(pool, Context, size, Ceiling, seed, Now, DeclareBy, "dongshan").Value!;

    [Fact]
    public void An_expert_without_an_account_is_never_drawn_and_the_next_in_the_order_sits_instead()
    {
        var pool = Pool(E(1, account: false), E(2), E(3), E(4));
        foreach (var seed in Enumerable.Range(1, 20).Select(s => (ulong)s))
        {
            var panel = Drawn(pool, seed: seed);
            Assert.Equal(panel.Order.Where(id => id != E(1).Id).Take(3), panel.Members.Select(m => m.ExpertId));
            // Recorded when the draw passed over him, i.e. he came before the last member drawn.
            var passedOver = panel.Order.IndexOf(E(1).Id) < panel.Order.IndexOf(panel.Members[^1].ExpertId);
            Assert.Equal(passedOver, panel.Skipped.Contains("专家1：无评审专家账号"));
            Assert.All(panel.Members, m => Assert.Equal((PanelMemberStatus.Drawn, DeclareBy), (m.Status, m.DeclareBy)));
        }
        // Counted out of the eligible experts too: four in the pool, three who can act.
        var tooBig = PanelRoster.Draw(Pool(E(1, account: false), E(2), E(3), E(4), E(5, active: false)), Context, 5, Ceiling, 1UL, Now, DeclareBy, "dongshan");
        Assert.Equal("评审小组人数（5）超过该领域可抽取专家人数（3）", tooBig.Errors[0].Message);
    }

    [Fact]
    public void A_member_who_declines_is_replaced_by_the_next_in_the_recorded_order_with_the_reason()
    {
        var pool = Pool(E(1), E(2), E(3), E(4), E(5));
        var panel = Drawn(pool);
        var leaving = panel.Members[1];
        var change = PanelRoster.Replace(panel, leaving, PanelReplacementReason.Declined, "出差", pool, Context, Now.AddHours(1), DeclareBy.AddHours(1));

        var next = Assert.Single(change.Added);
        Assert.Equal(panel.Order[3], next.ExpertId);
        Assert.Equal(DeclareBy.AddHours(1), next.DeclareBy);
        var left = change.Panel.Members.Single(m => m.ExpertId == leaving.ExpertId);
        Assert.Equal((PanelMemberStatus.Replaced, PanelReplacementReason.Declined, next.ExpertId), (left.Status, left.Replacement, left.SucceededBy));
        Assert.Equal("已替换（拒绝：出差）", left.Standing());
        Assert.Equal(3, change.Panel.Sitting.Count());
        Assert.False(change.RanOut);
        Assert.Equal(PanelRoster.NotAllDeclared, PanelRoster.NotReady(change.Panel));
    }

    [Fact]
    public void When_the_recorded_order_runs_out_the_seat_stays_empty_and_the_panel_says_so()
    {
        var pool = Pool(E(1), E(2), E(3));
        var panel = Drawn(pool);
        var change = PanelRoster.Replace(panel, panel.Members[0], PanelReplacementReason.Overdue, null, pool, Context, Now, DeclareBy);
        Assert.Empty(change.Added);
        Assert.True(change.RanOut);
        Assert.Equal("已替换（超时未声明）", change.Panel.Members[0].Standing());
        Assert.Equal("评审小组缺1名专家：按记录的随机抽取顺序已无可补抽的专家，请联系区管理员补充专家库", PanelRoster.NotReady(change.Panel));
    }

    [Fact]
    public void A_replacement_skips_experts_disabled_since_the_draw_and_never_brings_back_a_former_member()
    {
        var pool = Pool(E(1), E(2), E(3), E(4), E(5), E(6));
        var panel = Drawn(pool);
        var first = PanelRoster.Recuse(panel, panel.Members[0], "本人声明：任职", pool, Context, Now, DeclareBy);
        Assert.Equal(panel.Order[3], first.Added[0].ExpertId);
        Assert.Equal((PanelMemberStatus.Recused, first.Added[0].ExpertId), (first.Panel.Members[0].Status, first.Panel.Members[0].SucceededBy));
        pool[panel.Order[4]] = pool[panel.Order[4]] with { Active = false };
        var second = PanelRoster.Replace(first.Panel, first.Added[0], PanelReplacementReason.Manual, "无法联系", pool, Context, Now, DeclareBy);
        Assert.Equal(panel.Order[5], second.Added[0].ExpertId);
        Assert.Null(PanelRoster.Next(second.Panel, pool, Context));
    }

    [Fact]
    public void Overdue_means_undeclared_at_or_after_the_due_time()
    {
        var member = Drawn(Pool(E(1), E(2), E(3))).Members[0];
        Assert.False(PanelRoster.IsOverdue(member, DeclareBy.AddTicks(-1)));
        Assert.True(PanelRoster.IsOverdue(member, DeclareBy));
        Assert.False(PanelRoster.IsOverdue(member with { Status = PanelMemberStatus.Confirmed }, DeclareBy.AddDays(1)));
    }

    [Fact]
    public void The_street_may_replace_only_an_undeclared_member_with_a_reason_or_a_disabled_one_who_has_not_scored()
    {
        var pool = Pool(E(1), E(2), E(3), E(4));
        var panel = Drawn(pool);
        var drawn = panel.Members[0];
        string? Refusal(PanelMember? m, bool deactivated = false, bool scored = false, string? note = "无法联系", PanelRecord? p = null) =>
            PanelRoster.ManualRefusal(p ?? panel, m, cannotAct: deactivated, scored, note, pool, Context)?.Message;

        Assert.Null(Refusal(drawn));
        Assert.Null(Refusal(drawn, deactivated: true, note: null));
        Assert.Equal("请填写替换原因（如无法联系、不能按时参加评审）", Refusal(drawn, note: " "));
        Assert.Equal("该专家不在本项目的评审小组中", Refusal(null));
        var confirmed = PanelRoster.Confirm(panel, drawn);
        Assert.Equal($"{drawn.Name}已声明无利害关系，不能替换；专家库停用该专家后方可替换", Refusal(confirmed.Members[0], p: confirmed));
        Assert.Null(Refusal(confirmed.Members[0], deactivated: true, p: confirmed));
        Assert.Equal($"{drawn.Name}已提交评分，不能替换", Refusal(confirmed.Members[0], deactivated: true, scored: true, p: confirmed));
        var replaced = PanelRoster.Replace(panel, drawn, PanelReplacementReason.Manual, "无法联系", pool, Context, Now, DeclareBy).Panel;
        Assert.Equal($"{drawn.Name}已不在评审小组中（已替换（手动替换：无法联系））", Refusal(replaced.Members[0], p: replaced));
        // The fourth expert took the seat: nobody is left in the order for the next one.
        Assert.Equal("评审小组缺1名专家：按记录的随机抽取顺序已无可补抽的专家，请联系区管理员补充专家库", Refusal(replaced.Members[1], p: replaced));
    }

    [Fact]
    public void A_redraw_fills_the_empty_seat_from_experts_new_to_the_panel_with_its_own_recorded_seed_and_the_recusal_rules()
    {
        var pool = Pool(E(1), E(2), E(3));
        var panel = Drawn(pool);
        Assert.Equal(PanelRoster.NothingToRedraw, PanelRoster.Redraw(panel, pool, Context, 7UL, Now, DeclareBy, "dongshan").Errors[0].Message);
        var leaving = panel.Members[0];
        var ranOut = PanelRoster.Replace(panel, leaving, PanelReplacementReason.Declined, "出差", pool, Context, Now, DeclareBy).Panel;

        // The one who left is still in the pool and may sit, but never comes back; neither do experts who cannot act or are tied.
        Assert.Equal(PanelRoster.NoOneToRedraw, PanelRoster.Redraw(ranOut, pool, Context, 7UL, Now, DeclareBy, "dongshan").Errors[0].Message);
        pool[E(4).Id] = E(4, account: false);
        pool[E(5).Id] = E(5, active: false);
        pool[E(6).Id] = E(6) with { EmployerUscc = "91320115MA1XXXXXX1" };
        Assert.Equal(PanelRoster.NoOneToRedraw, PanelRoster.Redraw(ranOut, pool, Context, 7UL, Now, DeclareBy, "dongshan").Errors[0].Message);

        pool[E(7).Id] = E(7);
        var later = Now.AddDays(3);
        var change = PanelRoster.Redraw(ranOut, pool, Context, 7UL, later, DeclareBy.AddDays(3), "dongshan").Value!;

        var seat = Assert.Single(change.Added);
        Assert.Equal((E(7).Id, PanelMemberStatus.Drawn, DeclareBy.AddDays(3)), (seat.ExpertId, seat.Status, seat.DeclareBy));
        Assert.Equal(E(7).Id, change.Panel.Members.Single(m => m.ExpertId == leaving.ExpertId).SucceededBy);
        Assert.Equal(0, change.Panel.Vacancies);
        Assert.Equal(PanelRoster.NotAllDeclared, PanelRoster.NotReady(change.Panel));
        var redraw = Assert.Single(change.Panel.Redraws);
        Assert.Equal((7UL, later, "dongshan", "按记录的随机抽取顺序已无可补抽的专家，评审小组缺1名"), (redraw.Seed, redraw.DrawnAt, redraw.RequestedBy, redraw.Reason));
        // Shuffled over the experts never on the panel, so the seed replays it; the first draw's record is untouched.
        Assert.Equal(PanelDraw.Order([E(4), E(5), E(6), E(7)], 7UL).ToArray(), redraw.Order.ToArray());
        Assert.Equal(panel.Order.ToArray(), change.Panel.Order.ToArray());
        var before = redraw.Order.IndexOf(E(7).Id);
        var expectedSkips = new[] { (4, "专家4：无评审专家账号"), (5, "专家5：已停用"), (6, "专家6：任职于申请单位") }
            .Where(x => redraw.Order.IndexOf(E(x.Item1).Id) < before).Select(x => x.Item2);
        Assert.Equal(expectedSkips.Order(), redraw.Skipped.Order());

        // A later 补抽 walks the redraw's order too: the district re-enables 专家5, and he is next.
        pool[E(5).Id] = E(5);
        Assert.Equal(E(5).Id, PanelRoster.Next(change.Panel, pool, Context)?.Id);
    }
}
