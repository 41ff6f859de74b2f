using Marketplace.Budgets;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Tendering;
using Marketplace.Tests.Grains.Infrastructure;
using Marketplace.Tests.Grains.Tendering;
using Marketplace.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static Marketplace.Tests.Grains.Contracts.ContractTestData;

namespace Marketplace.Tests.Grains.Contracts;

/// <summary>A contract from award to 兑现: signing commits, evaluations gate the tranches, 整改 and its failure.</summary>
public sealed class ContractGrainTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static string Errors<T>(Outcome<T> o) => o.Errors.IsDefaultOrEmpty ? "" : string.Join("；", o.Errors.Select(e => e.Message));

    private async Task<(IContractGrain Contract, TenderInfo Tender, string Winner, string Competitor)> SignedAsync()
    {
        var (tender, winner, competitor) = await cluster.ReadyForContractAsync();
        var contract = cluster.Grains.GetGrain<IContractGrain>(tender.Id);
        var created = await contract.CreateFromAwardAsync(cluster.Draft(tender.StreetId), "dongshan");
        Assert.True(created.Succeeded, Errors(created));
        Assert.True((await contract.SignAsStreetAsync(tender.StreetId, "dongshan")).Succeeded);
        var signed = await contract.SignAsOrganizationAsync(winner, Account, "ngo");
        Assert.True(signed.Succeeded, Errors(signed));
        return (contract, tender, winner, competitor);
    }

    private IStreetBudgetGrain Budget(TenderInfo t) => cluster.Grains.GetStreetBudget(t.StreetId, t.Notice.ServiceStart.Year);

    private async Task<Money> DisbursedAsync(TenderInfo t) =>
        Money.Sum((await Budget(t).GetGroupsAsync()).Where(g => g.Commitment?.Id == t.Id.ToString("N")).SelectMany(g => g.Postings)
            .Where(p => p.Account == LedgerAccountKind.Disbursed).Select(p => p.Amount));

    private async Task<Money> CommittedAsync(TenderInfo t) =>
        Money.Sum((await Budget(t).GetGroupsAsync()).Where(g => g.Commitment?.Id == t.Id.ToString("N")).SelectMany(g => g.Postings)
            .Where(p => p.Account == LedgerAccountKind.Committed).Select(p => p.Amount));

    private async Task ScoreAllAsync(IContractGrain c, int tranche, string peer, string evaluator,
        System.Collections.Immutable.ImmutableDictionary<string, decimal> peerSheet, decimal survey, System.Collections.Immutable.ImmutableDictionary<string, decimal> third)
    {
        var p = await c.ScoreAsync(tranche, EvaluationSource.Peer, peer, peerSheet, null);
        Assert.True(p.Succeeded, Errors(p));
        var s = await c.ScoreAsync(tranche, EvaluationSource.Public, evaluator, Survey(survey), 120);
        Assert.True(s.Succeeded, Errors(s));
        var t = await c.ScoreAsync(tranche, EvaluationSource.ThirdParty, evaluator, third, null);
        Assert.True(t.Succeeded, Errors(t));
    }

    [Fact]
    public async Task Full_contract_pays_on_signing_and_mid_term_then_final_failure_after_rectification_releases_the_rest_and_bars_the_ngo()
    {
        var (contract, tender, winner, competitor) = await SignedAsync();
        var c = (await contract.GetAsync())!;
        Assert.Equal(ContractStatus.Signed, c.Status);
        // 260,000 split as the notice's 2:1 → 173,333.33 + 86,666.67; tranches 130,000 / 78,000 / 52,000.
        Assert.Equal([173_333.33m, 86_666.67m], c.Funding.Select(f => f.Amount.Yuan));
        Assert.Equal([130_000m, 78_000m, 52_000m], c.Tranches.Select(t => t.Amount.Yuan));
        Assert.Equal(Money.FromYuan(Price), await CommittedAsync(tender));
        Assert.Contains(competitor, c.Competitors);

        // Signing tranche: 50% paid.
        var paid = await contract.PayTrancheAsync(tender.StreetId, 1, "dongshan");
        Assert.True(paid.Succeeded, Errors(paid));
        Assert.Equal(("4880581234567890", 130_000m), (paid.Value!.Account.AccountNumber, paid.Value.Amount.Yuan));
        Assert.Equal(Money.FromYuan(130_000m), await DisbursedAsync(tender));
        Assert.Equal("该付款节点已支付", (await contract.PayTrancheAsync(tender.StreetId, 1, "dongshan")).Errors[0].Message);
        Assert.Equal("该付款节点的评估尚未完成", (await contract.PayTrancheAsync(tender.StreetId, 2, "dongshan")).Errors[0].Message);
        Assert.Equal(ContractStatus.InService, (await contract.GetAsync())!.Status);

        // The district assigns: a competitor for the same purchase is never a peer.
        var peer = TenderTestData.NewUscc();
        await cluster.AddNgoAccountsAsync(peer);
        var evaluator = "pinggu-" + Guid.NewGuid().ToString("N")[..6];
        var refused = await contract.AssignAsync(tender.DistrictId, [competitor], [evaluator], "admin");
        Assert.Equal($"{competitor} 参与了同一采购项目的竞争，不能担任互评单位", refused.Errors.Single().Message);
        Assert.True((await contract.AssignAsync(tender.DistrictId, [peer], [evaluator], "admin")).Succeeded);
        Assert.False((await contract.ScoreAsync(2, EvaluationSource.ThirdParty, "someone-else", Sheet(20, 20, 14, 7, 7), null)).Succeeded);

        // Mid-term: report with 40 cases and 5 events (of 50 and 5 expected by mid-term) → 服务完成度 91.43% → 27.43 points.
        Assert.True((await contract.FileReportAsync(winner, Report(2, 40, 5, Sheet(27, 25, 17, 9, 9)), "ngo")).Succeeded);
        var before = (await contract.GetAsync())!.Version;
        var over = await contract.ScoreAsync(2, EvaluationSource.Peer, peer, Sheet(31, 22, 15, 8, 8), null);
        Assert.Equal("“服务完成度”的得分应在0至30分之间", over.Errors.Single().Message);
        Assert.Equal(before, (await contract.GetAsync())!.Version); // nothing written
        await ScoreAllAsync(contract, 2, peer, evaluator, Sheet(24, 22, 15, 8, 8), 70m, Sheet(0, 20, 14, 7, 7));
        c = (await contract.GetAsync())!;
        var mid = c.EvaluationOf(2)!;
        // 87×10% + 77×10% + 70×30% + 75.43×50% = 75.115 → 75.12 合格
        Assert.Equal(27.43m, mid.Scores[EvaluationSource.ThirdParty].Indicators["completion"]);
        Assert.Equal((75.12m, EvaluationGrade.Pass), (mid.Total!.Value, mid.Grade!.Value));
        Assert.Equal(ContractStatus.MidTermEvaluated, c.Status);
        Assert.True((await contract.PayTrancheAsync(tender.StreetId, 2, "dongshan")).Succeeded);
        Assert.Equal(Money.FromYuan(208_000m), await DisbursedAsync(tender));

        // Final: 不合格 → held, one 整改 period of 30 days with a re-evaluation.
        Assert.True((await contract.FileReportAsync(winner, Report(3, 10, 1, Sheet(20, 20, 15, 8, 8)), "ngo")).Succeeded);
        await ScoreAllAsync(contract, 3, peer, evaluator, Sheet(15, 15, 10, 5, 5), 50m, Sheet(0, 10, 8, 5, 5));
        c = (await contract.GetAsync())!;
        // 71×10% + 50×10% + 50×30% + 44.71×50% = 49.455 → 49.46 不合格 (完成度 (50×300+6×4000)/70,000 = 55.71% → 16.71)
        var first = c.Evaluations.Single(e => e.TrancheNo == 3 && e.Round == 1);
        Assert.Equal((49.46m, EvaluationGrade.Fail), (first.Total!.Value, first.Grade!.Value));
        Assert.Equal((TrancheStatus.Held, ContractStatus.Rectifying), (c.Tranches[2].Status, c.Status));
        var rectification = c.EvaluationOf(3)!;
        Assert.Equal((2, false), (rectification.Round, rectification.Decided));
        Assert.Equal("该付款节点评估不合格，整改期内暂缓支付", (await contract.PayTrancheAsync(tender.StreetId, 3, "dongshan")).Errors[0].Message);
        Assert.Null((await cluster.Grains.GetGrain<IOrganizationGrain>(winner).GetAsync())!.NegativeEntries.FirstOrDefault());

        // The re-evaluation fails too: 20% back to available, a negative entry, the NGO told and refused on a new tender.
        var availableBefore = (await Budget(tender).GetAsync()).Available;
        Assert.True((await contract.FileReportAsync(winner, Report(3, 5, 0, Sheet(20, 20, 15, 8, 8)), "ngo")).Succeeded);
        await ScoreAllAsync(contract, 3, peer, evaluator, Sheet(15, 15, 10, 5, 5), 50m, Sheet(0, 10, 8, 5, 5));
        c = (await contract.GetAsync())!;
        Assert.Equal((TrancheStatus.Released, ContractStatus.Closed), (c.Tranches[2].Status, c.Status));
        Assert.Equal(availableBefore + Money.FromYuan(52_000m), (await Budget(tender).GetAsync()).Available);
        Assert.Equal(Money.FromYuan(208_000m), await DisbursedAsync(tender));
        Assert.Empty(await Budget(tender).CheckAsync());
        var entry = Assert.Single((await cluster.Grains.GetGrain<IOrganizationGrain>(winner).GetAsync())!.NegativeEntries);
        Assert.Equal((NegativeSource.EvaluationFailure, c.NegativeEntryId), (entry.Fields.Source, (Guid?)entry.Id));
        Assert.Equal(DateOnly.FromDateTime(cluster.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).AddYears(1).AddDays(-1), entry.Fields.EndsOn);
        Assert.Contains(c.Notifications, n => n.Recipient == "org:" + winner && n.Text.Contains("负面信息清单"));
        var (next, _) = await cluster.PublishedTenderAsync("东山街道");
        var refusedApply = await next.SubmitAsync(winner, TenderTestData.Proposal(250_000m), "again", "ngo");
        Assert.Contains("负面信息", Errors(refusedApply));

        // One appeal, decided by the district admin with a reason.
        Assert.True((await contract.FileAppealAsync(winner, "整改期间服务对象外出务工，个案数量下降，申请复核", "ngo")).Succeeded);
        Assert.Equal("申诉只能提出一次", (await contract.FileAppealAsync(winner, "再次申诉，请求复核评估结果", "ngo")).Errors[0].Message);
        var decided = await contract.DecideAppealAsync(tender.DistrictId, upheld: false, "经复核，整改报告未达到合同约定的服务数量", "admin");
        Assert.True(decided.Succeeded, Errors(decided));
        Assert.Equal(false, (await contract.GetAsync())!.Appeal!.Upheld);

        // The read models follow.
        var tranches = await cluster.QueryAsync(db => db.ContractTranches.AsNoTracking().Where(t => t.ContractId == tender.Id).OrderBy(t => t.No).ToListAsync());
        Assert.Equal([TrancheStatus.Paid, TrancheStatus.Paid, TrancheStatus.Released], tranches.Select(t => t.Status));
        Assert.Equal(EvaluationGrade.Fail, (await cluster.QueryAsync(db => db.Contracts.SingleAsync(x => x.Id == tender.Id))).FinalGrade);
    }

    [Fact]
    public async Task Two_payouts_of_one_tranche_at_once_pay_once()
    {
        var (contract, tender, _, _) = await SignedAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => contract.PayTrancheAsync(tender.StreetId, 1, "dongshan")));
        Assert.Single(results, r => r.Succeeded);
        Assert.Equal("该付款节点已支付", results.Single(r => !r.Succeeded).Errors[0].Message);
        Assert.Equal(Money.FromYuan(130_000m), await DisbursedAsync(tender));
        Assert.Empty(await Budget(tender).CheckAsync());
    }

    [Fact]
    public async Task Bad_schedule_shares_and_term_are_refused_and_nothing_is_created()
    {
        var (tender, _, _) = await cluster.ReadyForContractAsync();
        var contract = cluster.Grains.GetGrain<IContractGrain>(tender.Id);
        var draft = cluster.Draft(tender.StreetId);

        var notSumming = await contract.CreateFromAwardAsync(draft with { Schedule = [new(TrancheGate.Signing, 50m), new(TrancheGate.Final, 40m)] }, "dongshan");
        var aboveAll = await contract.CreateFromAwardAsync(draft with { Schedule = [new(TrancheGate.Signing, 120m)] }, "dongshan");
        var fourYears = await contract.CreateFromAwardAsync(draft with { TermEnd = ContractTerm.LastDay(draft.TermStart, 4), LongTermReason = "需要连续四年跟踪服务对象" }, "dongshan");
        var otherStreet = await contract.CreateFromAwardAsync(draft with { StreetId = tender.StreetId + 1 }, "someone");

        Assert.Equal("各付款节点比例之和应为100%，现为 90%", notSumming.Errors.Single().Message);
        Assert.Equal("第1个付款节点的比例应大于0%且不超过100%，现为 120%", aboveAll.Errors.Single().Message);
        Assert.Equal("服务期限不能超过3年", fourYears.Errors.Single().Message);
        Assert.Equal("合同不存在", otherStreet.Errors.Single().Message);
        Assert.Null(await contract.GetAsync());
        Assert.False(await cluster.QueryAsync(db => db.Contracts.AnyAsync(x => x.Id == tender.Id)));
    }

    [Fact]
    public async Task A_terminated_contract_releases_what_is_unpaid_and_refuses_evaluation_and_payout()
    {
        var (contract, tender, winner, _) = await SignedAsync();
        Assert.True((await contract.PayTrancheAsync(tender.StreetId, 1, "dongshan")).Succeeded);
        Assert.True((await contract.TerminateAsync(tender.StreetId, "承接机构主动申请解除合同", "dongshan")).Succeeded);

        Assert.Equal("合同已终止，不能评估", (await contract.FileReportAsync(winner, Report(2, 40, 5, Sheet(27, 25, 17, 9, 9)), "ngo")).Errors[0].Message);
        Assert.Equal("合同已终止，不能支付", (await contract.PayTrancheAsync(tender.StreetId, 2, "dongshan")).Errors[0].Message);
        // 130,000 paid stays paid; the 130,000 still committed went back to available.
        Assert.Equal((Money.FromYuan(130_000m), Money.Zero), (await DisbursedAsync(tender), await CommittedAsync(tender)));
        Assert.Equal([TrancheStatus.Paid, TrancheStatus.Released, TrancheStatus.Released], (await contract.GetAsync())!.Tranches.Select(t => t.Status));
        Assert.Empty(await Budget(tender).CheckAsync());
    }

    [Fact]
    public async Task A_report_not_filed_by_its_due_date_fails_that_evaluation_exactly_once_when_the_job_runs_twice()
    {
        var (contract, tender, winner, _) = await SignedAsync();
        var subject = $"{tender.Id}:2:1";
        var work = await cluster.QueryAsync(db => db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Kind == IContractTimers.ReportDueKind && w.SubjectId == subject));
        var runner = ((InProcessSiloHandle)cluster.Cluster.Primary!).SiloHost.Services.GetRequiredService<DueWorkRunner>();

        await runner.RunAsync(work.Id, CancellationToken.None); // before the due date: nothing
        Assert.False((await contract.GetAsync())!.EvaluationOf(2)!.Decided);

        cluster.Clock.Advance(work.DueAt - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await runner.RunAsync(work.Id, CancellationToken.None);
        await runner.RunAsync(work.Id, CancellationToken.None);
        Assert.True((await contract.ReportOverdueAsync(2, 1)).Succeeded); // and the grain itself once more

        var c = (await contract.GetAsync())!;
        var failed = c.Evaluations.Single(e => e.TrancheNo == 2 && e.Round == 1);
        Assert.Equal((EvaluationGrade.Fail, "未按期提交进度报告，本期评估记为不合格"), (failed.Grade!.Value, failed.Note));
        Assert.Equal(2, c.Evaluations.Count(e => e.TrancheNo == 2)); // one 整改 round, not two
        Assert.Equal(TrancheStatus.Held, c.Tranches[1].Status);
        Assert.NotNull((await cluster.QueryAsync(db => db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Id == work.Id))).CompletedAt);
        // A report filed now is the 整改 report of round 2.
        var late = await contract.FileReportAsync(winner, Report(2, 40, 5, Sheet(27, 25, 17, 9, 9)), "ngo");
        Assert.True(late.Succeeded, Errors(late));
        Assert.Equal(2, Assert.Single(late.Value!.Reports).Round);
    }

    [Fact]
    public async Task An_amendment_above_what_is_available_is_refused_beside_the_amount_and_nothing_is_written()
    {
        var (contract, tender, _, _) = await SignedAsync();
        var before = (await contract.GetAsync())!;
        var snapshot = await Budget(tender).GetAsync();
        var groups = (await Budget(tender).GetGroupsAsync()).Length;

        var above = snapshot.Allocated + Money.FromYuan(1m);
        var refused = await contract.AmendAsync(tender.StreetId, before.Version, above, before.TermEnd, null, "服务对象增加，追加个案服务数量", "dongshan");
        var error = Assert.Single(refused.Errors, e => e.Message.Contains("可用余额不足，差 ¥", StringComparison.Ordinal));
        Assert.Equal("Amount", error.Field);
        Assert.All(refused.Errors, e => Assert.Equal("Amount", e.Field));
        var after = (await contract.GetAsync())!;
        Assert.Equal((before.Version, before.Amount, before.Amendments.Length), (after.Version, after.Amount, after.Amendments.Length));
        Assert.Equal(groups, (await Budget(tender).GetGroupsAsync()).Length);
        Assert.Equal(snapshot.Available, (await Budget(tender).GetAsync()).Available);

        // Within what is available it is a new numbered version with who, when and why; the increase is committed.
        var amended = await contract.AmendAsync(tender.StreetId, before.Version, Money.FromYuan(Price + 30_000m), before.TermEnd, null, "服务对象增加，追加个案服务数量", "dongshan");
        Assert.True(amended.Succeeded, Errors(amended));
        var last = amended.Value!.Amendments[^1];
        Assert.Equal((before.Amendments.Length + 1, "服务对象增加，追加个案服务数量", "dongshan"), (last.No, last.Reason, last.By));
        Assert.Equal(Money.FromYuan(Price + 30_000m), await CommittedAsync(tender));
        Assert.Equal(Money.FromYuan(Price + 30_000m), Money.Sum(amended.Value.Tranches.Select(t => t.Amount)));
        Assert.Empty(await Budget(tender).CheckAsync());
    }
}
