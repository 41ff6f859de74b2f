using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Grains.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Grains.Tendering;

/// <summary>After the deadline: panel draw with recusal, scoring, the low-price decision, award, 公示 and objections.</summary>
public sealed class TenderReviewTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static ImmutableDictionary<string, CriterionScore> Sheet(decimal plan, decimal team, decimal exp) =>
        ImmutableDictionary<string, CriterionScore>.Empty.Add("plan", new(plan, null)).Add("team", new(team, null)).Add("exp", new(exp, null));

    [Fact]
    public async Task Full_review_draws_a_conflict_free_panel_scores_awards_and_holds_publicity_until_objections_are_answered()
    {
        string lejia = TenderTestData.NewUscc(), renai = TenderTestData.NewUscc(), qiming = TenderTestData.NewUscc();
        await cluster.AddNgoAccountsAsync(lejia, renai, qiming);
        var (streetId, districtId, itemId) = await cluster.StreetWithItemAsync("东山街道");
        var field = "养老服务-" + Guid.NewGuid().ToString("N")[..6]; // a field of its own: other tests' experts stay out
        var pool = cluster.Grains.GetGrain<IExpertPoolGrain>(districtId);
        async Task<Expert> AddExpert(string name, string? employerUscc = null, long? official = null) =>
            (await pool.AddAsync(new ExpertDraft(name, field, "南京某高校", employerUscc, $"{name}-{field}", official, []))).Value!;
        var employedByApplicant = await AddExpert("甲", employerUscc: lejia);
        var officialOfStreet = await AddExpert("乙", official: streetId);
        var eligible = new[] { await AddExpert("丙"), await AddExpert("丁"), await AddExpert("戊"), await AddExpert("己") };

        var now = cluster.Clock.GetUtcNow();
        var notice = TenderRulesTests.Notice(now.AddMinutes(-1)) with { TransferItemId = itemId, Deadline = now.AddHours(1), ExpertField = field };
        await cluster.FundedAsync(streetId, notice.ServiceStart.Year);
        var tender = cluster.Grains.GetGrain<ITenderGrain>(Guid.NewGuid());
        var created = (await tender.CreateAsync(streetId, districtId, notice, "dongshan")).Value!;
        await tender.PublishAsync(created.Version, "dongshan");
        await tender.SubmitAsync(lejia, Proposal(280_000m), "l", "ngo");
        await tender.SubmitAsync(renai, Proposal(250_000m), "r", "ngo");
        await tender.SubmitAsync(qiming, Proposal(190_000m), "q", "ngo");

        Assert.Equal("报名截止后才能抽取评审专家", (await tender.RequestPanelAsync(3, "dongshan")).Errors[0].Message);
        cluster.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await tender.CloseAsync();

        Assert.Equal("评审小组人数（5）超过该领域可抽取专家人数（4）", (await tender.RequestPanelAsync(5, "dongshan")).Errors[0].Message);
        var panel = (await tender.RequestPanelAsync(3, "dongshan")).Value!;
        Assert.Equal(3, panel.Members.Length);
        Assert.DoesNotContain(panel.Members, m => m.ExpertId == employedByApplicant.Id || m.ExpertId == officialOfStreet.Id);
        // The recorded seed replays to the recorded order and panel.
        var experts = (await pool.GetExpertsAsync()).ToDictionary(e => e.Id);
        Assert.Equal(panel.Order.ToArray(), PanelDraw.Order(experts.Values, panel.Seed).ToArray());
        Assert.Equal(panel.Order.Where(id => eligible.Any(e => e.Id == id)).Take(3), panel.Members.Select(m => m.ExpertId));

        // One member declares a conflict: recused, never sees a proposal, replaced by the next in draw order.
        var recused = panel.Members[0];
        Assert.False((await tender.GetApplicationsForExpertAsync(recused.UserName!)).Succeeded); // nothing before declaring
        Assert.True((await tender.DeclareAsync(recused.UserName!, conflict: true, "三年内曾任乐家社工中心理事")).Succeeded);
        Assert.False((await tender.GetApplicationsForExpertAsync(recused.UserName!)).Succeeded);
        Assert.False((await tender.ScoreAsync(recused.UserName!, lejia, Sheet(36m, 18m, 9m))).Succeeded);
        panel = (await tender.GetPanelAsync())!;
        var sitting = panel.Sitting.ToList();
        Assert.Equal(3, sitting.Count);
        Assert.Equal(panel.Order.Where(id => eligible.Any(e => e.Id == id)).ElementAt(3), sitting[^1].ExpertId);

        string[] order = [lejia, renai, qiming];
        ImmutableDictionary<string, CriterionScore>[][] sheets =
        [
            [Sheet(36m, 18m, 9m), Sheet(30m, 15m, 8m), Sheet(28m, 14m, 7m)],
            [Sheet(35m, 17m, 8m), Sheet(32m, 16m, 7m), Sheet(27m, 13m, 7m)],
            [Sheet(34.5m, 18m, 9m), Sheet(31m, 15m, 8m), Sheet(29m, 15m, 6m)],
        ];
        for (var m = 0; m < 3; m++)
        {
            var user = sitting[m].UserName!;
            Assert.True((await tender.DeclareAsync(user, conflict: false, null)).Succeeded);
            Assert.Equal(3, (await tender.GetApplicationsForExpertAsync(user)).Value.Length);
            var over = await tender.ScoreAsync(user, lejia, Sheet(41m, 18m, 9m));
            Assert.Equal("“服务方案”的得分应在0至40分之间", over.Errors[0].Message);
            for (var a = 0; a < 3; a++)
            {
                Assert.True((await tender.ScoreAsync(user, order[a], sheets[m][a])).Succeeded);
            }
        }

        // 启明 is more than 20% below the mean: the panel must decide before the award.
        Assert.Equal("有1份异常低价申请待评审小组认定", (await tender.GetEvaluationAsync()).Errors[0].Message);
        Assert.True((await tender.DecideLowPriceAsync(sitting[0].UserName!, qiming, accept: true, "已提交成本测算说明，人员费用由基金会配套")).Succeeded);
        var results = (await tender.GetEvaluationAsync()).Value.ToDictionary(r => r.ApplicantId);
        Assert.Equal((81.87m, 1), (results[lejia].Total!.Value, results[lejia].Rank!.Value));
        Assert.Equal((78.67m, 2), (results[qiming].Total!.Value, results[qiming].Rank!.Value));
        Assert.Equal((76.80m, 3), (results[renai].Total!.Value, results[renai].Rank!.Value));

        Assert.Equal("未选择排名第一的申请单位，请填写理由", (await tender.ConfirmAwardAsync(renai, null, "dongshan")).Errors[0].Message);
        var budget = cluster.Grains.GetStreetBudget(streetId, notice.ServiceStart.Year);
        var reference = new DocumentRef(DocumentTypes.Tender, created.Id.ToString("N"));
        Assert.Equal(Money.FromYuan(300_000m), Money.Sum((await budget.GetEncumbranceAsync(reference)).Select(h => h.Amount)));
        var awarded = (await tender.ConfirmAwardAsync(lejia, null, "dongshan")).Value!;
        // The award re-sizes what the notice holds to the awarded price (280,000), in the notice's 2:1 split.
        var held = (await budget.GetEncumbranceAsync(reference)).ToDictionary(h => h.Source, h => h.Amount);
        Assert.Equal((Money.FromYuan(186_666.67m), Money.FromYuan(93_333.33m)), (held[FundingSource.Fiscal], held[FundingSource.StreetNgoFund]));
        Assert.Empty(await budget.CheckAsync());
        Assert.Equal(TenderStatus.Publicity, awarded.Status);
        var published = await cluster.QueryAsync(db => db.TenderResults.AsNoTracking().Where(r => r.TenderId == awarded.Id).OrderBy(r => r.Rank).ToListAsync());
        Assert.Equal([(lejia, 81.87m), (qiming, 78.67m), (renai, 76.80m)], published.Select(r => (r.Uscc, r.Total!.Value)));

        // During 公示 each refusal names the real reason, not an earlier step's.
        Assert.Equal("评审已结束，不能再修改评分", (await tender.ScoreAsync(sitting[0].UserName!, lejia, Sheet(30m, 15m, 8m))).Errors[0].Message);
        Assert.Equal($"已确定江宁区社会工作服务中心{lejia[^4..]}中标，正在公示，不能再次确定", // the directory's name (TenderTestData)
            (await tender.ConfirmAwardAsync(lejia, null, "dongshan")).Errors[0].Message);
        Assert.Equal("只有参与本项目的申请单位可以提出质疑", (await tender.FileObjectionAsync(TenderTestData.NewUscc(), "旁观者的质疑")).Errors[0].Message);
        var objection = (await tender.FileObjectionAsync(renai, "对服务团队评分有异议")).Value!;
        cluster.Clock.Advance(awarded.Award!.PublicityEndsAt - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        Assert.Equal("公示期已结束，不能再提出质疑", (await tender.FileObjectionAsync(qiming, "迟到的质疑")).Errors[0].Message);
        Assert.Equal(TenderStatus.Publicity, (await tender.EndPublicityAsync()).Value!.Status); // open objection holds it
        Assert.True((await tender.AnswerObjectionAsync(objection.Id, "经复核，评分符合评分标准", "dongshan")).Succeeded);
        Assert.Equal(TenderStatus.ReadyForContract, (await tender.GetInfoAsync())!.Status);
        var again = (await tender.EndPublicityAsync()).Value!;
        Assert.Equal((TenderStatus.ReadyForContract, awarded.Version + 1), (again.Status, again.Version));
    }

    private static ApplicationProposal Proposal(decimal price) => new(
        Money.FromYuan(price), "每周一次上门探访", "持证社工3名", 3, "三年居家养老经验", ["服务方案", "持证社工名单"]);
}
