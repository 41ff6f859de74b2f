using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tendering;
using Marketplace.Tests.Grains.Infrastructure;
using Marketplace.Tests.Grains.Tendering;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Grains.Rounds;

/// <summary>A 公益创投 round on a real cluster and SQLite file: the pool in the ledger, sealing, review, selection, 公示, contracts.</summary>
public sealed class VentureRoundGrainTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const int Year = 2026;

    private static Money Y(decimal yuan) => Money.FromYuan(yuan);

    private async Task<(long Street, long District)> StreetAsync(string name)
    {
        var s = await cluster.QueryAsync(db => db.Streets.Where(x => x.Name == name).Select(x => new { x.Id, x.DistrictId }).SingleAsync());
        return (s.Id, s.DistrictId);
    }

    /// <summary>A confirmed budget with ¥200,000.00 of 福利彩票公益金.</summary>
    private async Task<IStreetBudgetGrain> FundedAsync(long street)
    {
        var grain = cluster.Grains.GetStreetBudget(street, Year);
        ImmutableArray<SourceAmount> lines = [new(FundingSource.Fiscal, Y(1_000_000m)), new(FundingSource.WelfareLottery, Y(200_000m))];
        var entered = await grain.EnterBudgetAsync(new BudgetEntry(Y(1_200_000m), lines, ""), 0, "street.official");
        Assert.True(entered.Succeeded, string.Join("; ", entered.Errors.Select(e => e.Message)));
        Assert.True((await grain.ConfirmBudgetAsync(entered.Value!.Version, "district.admin")).Succeeded);
        return grain;
    }

    private RoundSettings Settings(decimal pool) => new("2026年“双百助力、大爱公益”公益创投", "百个公益项目助力街道服务",
        RoundSettings.DefaultCategories, Y(pool), FundingSource.WelfareLottery, Y(50_000m), 60m, 2,
        cluster.Clock.GetUtcNow().AddMinutes(-1), cluster.Clock.GetUtcNow().AddHours(2), RoundSettings.DefaultCriteria, null, 0m, "elderly", [], Year);

    private static RoundProposal Proposal(string title, decimal request) => new(title, "为老服务", Y(request),
        [new("人员费", "社工补贴", Y(request - 10_000m)), new("活动费", "物资与场地", Y(10_000m))],
        "辖区独居老人", 150, "走访 600 人次，满意度 90% 以上", "项目主管 1 名、持证社工 2 名", 2, Money.Zero, 0);

    private static ImmutableDictionary<string, CriterionScore> Sheet(decimal share) =>
        RoundSettings.DefaultCriteria.ToImmutableDictionary(c => c.Code, c => new CriterionScore(Scoring.Round2(c.Weight * share), null));

    private static string Errors(IEnumerable<FieldError> errors) => string.Join("; ", errors.Select(e => e.Message));

    [Fact]
    public async Task A_round_cannot_open_with_a_pool_larger_than_the_funds_available()
    {
        var (street, district) = await StreetAsync("淳化街道");
        var budget = await FundedAsync(street);
        var organizer = new RoundOrganizer(district, street);
        var round = cluster.Grains.GetGrain<IVentureRoundGrain>(Guid.NewGuid());
        var created = await round.CreateAsync(organizer, Settings(250_000m), "chunhua");
        Assert.True(created.Succeeded, Errors(created.Errors));

        var opened = await round.OpenAsync(organizer, created.Value!.Version, "chunhua");

        var error = Assert.Single(opened.Errors);
        Assert.Equal("Pool", error.Field);
        Assert.Contains("差 ¥50,000.00", error.Message);
        Assert.Equal(RoundStatus.Draft, (await round.GetInfoAsync())!.Status);
        Assert.Equal(Y(1_200_000m), (await budget.GetAsync()).Available);
        Assert.Empty(await budget.CheckAsync());
    }

    [Fact]
    public async Task A_round_runs_from_opening_to_contracts_with_a_balanced_ledger()
    {
        var (street, district) = await StreetAsync("秣陵街道");
        var budget = await FundedAsync(street);
        var organizer = new RoundOrganizer(district, street);
        string lejia = TenderTestData.NewUscc(), renai = TenderTestData.NewUscc(), qiming = TenderTestData.NewUscc();
        await cluster.AddNgoAccountsAsync(lejia, renai, qiming);
        var round = cluster.Grains.GetGrain<IVentureRoundGrain>(Guid.NewGuid());
        var created = (await round.CreateAsync(organizer, Settings(180_000m), "moling")).Value!;

        // Opening holds the whole pool (预算占用).
        var opened = await round.OpenAsync(organizer, created.Version, "moling");
        Assert.True(opened.Succeeded, Errors(opened.Errors));
        var afterOpen = await budget.GetAsync();
        Assert.Equal(Y(180_000m), afterOpen.Encumbered);
        Assert.Equal(Y(1_020_000m), afterOpen.Available);

        var a = (await round.ApplyAsync(lejia, "乐家社会工作服务中心", Proposal("银龄互助", 50_000m), "ngo")).Value;
        var b = (await round.ApplyAsync(renai, "仁爱社工服务社", Proposal("助残融合", 45_000m), "ngo")).Value;
        var c = (await round.ApplyAsync(qiming, "启明社工事务所", Proposal("四点半课堂", 30_000m), "ngo")).Value;
        var overCap = await round.ApplyAsync(qiming, "启明社工事务所", Proposal("超额项目", 60_000m), "ngo");
        Assert.Equal("Request", Assert.Single(overCap.Errors).Field);

        // Sealed: the organizer sees neither a proposal nor a count; each applicant sees only its own.
        var sealedView = (await round.GetOrganizerViewAsync(organizer)).Value!;
        Assert.Empty(sealedView.Applications);
        Assert.Null(sealedView.Info.ApplicationCount);
        Assert.Null((await round.GetInfoAsync())!.ApplicationCount);
        Assert.Equal([b], (await round.GetOwnApplicationsAsync(renai)).Select(x => x.Id));
        Assert.Equal("申报截止后才能初审", (await round.ScreenAsync(organizer, a, true, "符合条件", "moling")).Errors[0].Message);
        Assert.Equal("创投不存在", (await round.GetOrganizerViewAsync(new RoundOrganizer(district, street + 1))).Errors[0].Message);

        cluster.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        Assert.Equal("申报已截止", (await round.ApplyAsync(lejia, "乐家社会工作服务中心", Proposal("迟到项目", 10_000m), "ngo")).Errors[0].Message);
        Assert.Equal(3, (await round.GetOrganizerViewAsync(organizer)).Value!.Applications.Length);

        // 初审 with a reason per project; one screened out.
        Assert.Equal("Reason", (await round.ScreenAsync(organizer, c, false, "", "moling")).Errors[0].Field);
        Assert.True((await round.ScreenAsync(organizer, a, true, "符合申报条件", "moling")).Succeeded);
        Assert.True((await round.ScreenAsync(organizer, b, true, "符合申报条件", "moling")).Succeeded);
        Assert.True((await round.ScreenAsync(organizer, c, false, "服务对象不在本街道辖区", "moling")).Succeeded);

        // The panel: drawn at random from the district's pool, declared free of conflicts, scoring without price.
        var field = "公益创投-" + Guid.NewGuid().ToString("N")[..6];
        var pool = cluster.Grains.GetGrain<IExpertPoolGrain>(district);
        foreach (var name in new[] { "甲", "乙", "丙" })
        {
            await pool.AddAsync(new ExpertDraft(name, field, "南京某高校", null, $"{name}-{field}", null, []));
        }
        await pool.AddAsync(new ExpertDraft("丁", field, "乐家社会工作服务中心", lejia, $"丁-{field}", null, []));
        var panel = await round.DrawPanelAsync(organizer, 3, field, "moling");
        Assert.True(panel.Succeeded, Errors(panel.Errors));
        Assert.DoesNotContain(panel.Value!.Members, m => m.Name == "丁"); // employed by an applicant
        foreach (var m in panel.Value.Members)
        {
            Assert.True((await round.DeclareAsync(m.UserName!, false, null)).Succeeded);
            Assert.Equal([a, b], (await round.GetApplicationsForExpertAsync(m.UserName!)).Value!.Select(x => x.Id));
            Assert.False((await round.ScoreAsync(m.UserName!, c, Sheet(0.9m))).Succeeded); // screened out: not scored
            Assert.True((await round.ScoreAsync(m.UserName!, a, Sheet(0.9m))).Succeeded);
            Assert.True((await round.ScoreAsync(m.UserName!, b, Sheet(0.8m))).Succeeded);
        }

        var selection = await round.SelectAsync(organizer, "moling");
        Assert.True(selection.Succeeded, Errors(selection.Errors));
        Assert.Equal([(a, 90m, SelectionStatus.Funded), (b, 80m, SelectionStatus.Funded)],
            selection.Value!.Lines.Select(l => (l.ApplicationId, l.Score, l.Status)));
        Assert.Equal(Y(85_000m), selection.Value.Leftover);

        var published = await round.PublishSelectionAsync(organizer, "moling");
        Assert.True(published.Succeeded, Errors(published.Errors));
        var shown = (await round.GetPublicAsync())!;
        Assert.Equal([(lejia, Y(50_000m), 1), (renai, Y(45_000m), 2)], shown.Funded.Select(f => (f.Uscc, f.Amount, f.Rank)));
        Assert.Equal(3, shown.Experts.Length);
        Assert.StartsWith("立项公示期至", (await round.EndPublicityAsync(organizer, "moling")).Errors[0].Message);

        cluster.Clock.Advance(TimeSpan.FromDays(20));
        var ended = await round.EndPublicityAsync(organizer, "moling");
        Assert.True(ended.Succeeded, Errors(ended.Errors));
        // The leftover goes back to available; the funded amounts stay held.
        var afterEnd = await budget.GetAsync();
        Assert.Equal(Y(95_000m), afterEnd.Encumbered);
        Assert.Equal(Y(1_105_000m), afterEnd.Available);
        Assert.Empty(await budget.CheckAsync());

        // The end of 公示 has drafted each funded project's contract itself, for a year from today; asking again drafts nothing new.
        var today = ChinaTime.Day(cluster.Clock.GetUtcNow());
        Assert.Equal((ContractStatus.Drafted, today, ContractTerm.LastDay(today, 1)),
            (await cluster.Grains.GetGrain<IContractGrain>(b).GetAsync()) is { } d ? (d.Status, d.TermStart, d.TermEnd) : default);
        var contracts = await round.CreateContractsAsync(organizer, today, today.AddMonths(11), "moling");
        Assert.True(contracts.Succeeded, Errors(contracts.Errors));
        Assert.Equal([a, b], contracts.Value.Order());
        var contract = cluster.Grains.GetGrain<IContractGrain>(a);
        var drafted = (await contract.GetAsync())!;
        Assert.Equal((Y(50_000m), lejia, (Guid?)round.GetPrimaryKey()), (drafted.Amount, drafted.Uscc, drafted.RoundId));
        Assert.Equal([Y(30_000m), Y(20_000m)], drafted.Tranches.Select(t => t.Amount));

        // Signing commits the project's amount from the round's pool; the other project's money stays held.
        Assert.True((await contract.SignAsStreetAsync(street, "moling")).Succeeded);
        var signed = await contract.SignAsOrganizationAsync(lejia, new BankAccount("中国银行南京江宁支行", "乐家社会工作服务中心", "6217000000000001"), "ngo");
        Assert.True(signed.Succeeded, Errors(signed.Errors));
        var afterSign = await budget.GetAsync();
        Assert.Equal((Y(45_000m), Y(50_000m), Y(1_105_000m)), (afterSign.Encumbered, afterSign.Committed, afterSign.Available));
        Assert.Empty(await budget.CheckAsync());
        Assert.All(await budget.GetGroupsAsync(), g => Assert.Equal(Money.Zero, Money.Sum(g.Postings.Select(p => p.Amount))));
    }

    [Fact]
    public async Task A_cancelled_round_gives_its_whole_pool_back()
    {
        var (street, district) = await StreetAsync("汤山街道");
        var budget = await FundedAsync(street);
        var organizer = new RoundOrganizer(district, street);
        var round = cluster.Grains.GetGrain<IVentureRoundGrain>(Guid.NewGuid());
        var created = (await round.CreateAsync(organizer, Settings(100_000m), "tangshan")).Value!;
        Assert.True((await round.OpenAsync(organizer, created.Version, "tangshan")).Succeeded);

        Assert.Equal("Reason", (await round.CancelAsync(organizer, "", "tangshan")).Errors[0].Field);
        Assert.True((await round.CancelAsync(organizer, "资金用途调整", "tangshan")).Succeeded);

        var figures = await budget.GetAsync();
        Assert.Equal((Money.Zero, Y(1_200_000m)), (figures.Encumbered, figures.Available));
        Assert.Empty(await budget.CheckAsync());
    }

    [Fact]
    public async Task The_deadline_and_the_end_of_publicity_run_as_timed_work_once_and_an_unsigned_project_gives_its_money_back()
    {
        var (street, district) = await StreetAsync("横溪街道");
        var budget = await FundedAsync(street);
        var organizer = new RoundOrganizer(district, street);
        string lejia = TenderTestData.NewUscc(), renai = TenderTestData.NewUscc();
        await cluster.AddNgoAccountsAsync(lejia, renai);
        var round = cluster.Grains.GetGrain<IVentureRoundGrain>(Guid.NewGuid());
        var subject = round.GetPrimaryKey().ToString();
        var created = (await round.CreateAsync(organizer, Settings(120_000m), "hengxi")).Value!;
        var opened = (await round.OpenAsync(organizer, created.Version, "hengxi")).Value!;

        // Opening recorded the deadline as timed work; run early it changes nothing.
        var close = await cluster.QueryAsync(db => db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Kind == IRoundTimers.CloseKind && w.SubjectId == subject));
        Assert.Equal(opened.Settings.Deadline, close.DueAt, TimeSpan.FromMilliseconds(1)); // SQLite keeps milliseconds
        Assert.Equal((RoundStatus.Open, opened.Version), ((await round.CloseAsync()).Value!.Status, (await round.GetInfoAsync())!.Version));
        var a = (await round.ApplyAsync(lejia, "乐家社会工作服务中心", Proposal("银龄互助", 50_000m), "ngo")).Value;
        var b = (await round.ApplyAsync(renai, "仁爱社工服务社", Proposal("助残融合", 40_000m), "ngo")).Value;

        cluster.Clock.Advance(opened.Settings.Deadline - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        var closedOnce = (await round.CloseAsync()).Value!;
        var closedTwice = (await round.CloseAsync()).Value!;
        Assert.Equal((RoundStatus.Closed, opened.Version + 1), (closedOnce.Status, closedOnce.Version));
        Assert.Equal((closedOnce.Status, closedOnce.Version), (closedTwice.Status, closedTwice.Version));
        var listed = (await cluster.Grains.GetGrain<IVentureRoundListGrain>(district).ListAsync()).Single(r => r.Id == round.GetPrimaryKey());
        Assert.Equal(RoundStatus.Closed, listed.Status); // the district's list shows 申报截止, not 申报中

        Assert.True((await round.ScreenAsync(organizer, a, true, "符合申报条件", "hengxi")).Succeeded);
        Assert.True((await round.ScreenAsync(organizer, b, true, "符合申报条件", "hengxi")).Succeeded);
        var field = "公益创投-" + Guid.NewGuid().ToString("N")[..6];
        var pool = cluster.Grains.GetGrain<IExpertPoolGrain>(district);
        foreach (var name in new[] { "赵", "钱", "孙", "李" })
        {
            await pool.AddAsync(new ExpertDraft(name, field, "南京某高校", null, $"{name}-{field}", null, []));
        }
        var panel = (await round.DrawPanelAsync(organizer, 3, field, "hengxi")).Value!;
        Assert.All(panel.Members, m => Assert.NotNull(m.DeclareBy)); // the tenders' roster: each seat has its declaration time
        // One member declares a conflict: recused, and the fourth expert takes his seat from the recorded order.
        var recused = panel.Members[0];
        Assert.True((await round.DeclareAsync(recused.UserName!, true, "曾参与乐家项目设计")).Succeeded);
        var seated = (await round.GetOrganizerViewAsync(organizer)).Value!.Panel!;
        Assert.Equal((PanelMemberStatus.Recused, 4), (seated.Members.Single(m => m.ExpertId == recused.ExpertId).Status, seated.Members.Length));
        foreach (var m in seated.Sitting)
        {
            Assert.True((await round.DeclareAsync(m.UserName!, false, null)).Succeeded);
            Assert.True((await round.ScoreAsync(m.UserName!, a, Sheet(0.9m))).Succeeded);
            Assert.True((await round.ScoreAsync(m.UserName!, b, Sheet(0.7m))).Succeeded);
        }
        Assert.True((await round.SelectAsync(organizer, "hengxi")).Succeeded);
        var published = (await round.PublishSelectionAsync(organizer, "hengxi")).Value!;

        // Publishing recorded the end of 立项公示; early, the timed run leaves the round and the ledger as they are.
        var end = await cluster.QueryAsync(db => db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Kind == IRoundTimers.PublicityEndKind && w.SubjectId == subject));
        Assert.Equal(published.Publicity!.EndsAt, end.DueAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(RoundStatus.Publicity, (await round.EndPublicityIfDueAsync()).Value!.Status);
        Assert.Equal(Y(120_000m), (await budget.GetAsync()).Encumbered);

        // The first attempt fails on a write; the retry and a repeat free the leftover exactly once.
        cluster.Clock.Advance(published.Publicity.EndsAt - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        cluster.Failures.FailNextWrite();
        await Assert.ThrowsAnyAsync<Exception>(() => round.EndPublicityIfDueAsync());
        Assert.Equal(RoundStatus.Publicity, (await round.GetInfoAsync())!.Status);
        var ended = (await round.EndPublicityIfDueAsync()).Value!;
        var again = (await round.EndPublicityIfDueAsync()).Value!;
        Assert.Equal((RoundStatus.Contracts, ended.Version), (again.Status, again.Version));
        var figures = await budget.GetAsync();
        Assert.Equal((Y(90_000m), Y(1_110_000m)), (figures.Encumbered, figures.Available));
        Assert.Single(await budget.GetGroupsAsync(), g => g.Kind == PostingKind.EncumbranceResize);
        Assert.Empty(await budget.CheckAsync());
        Assert.Equal(Y(30_000m), (await round.GetPublicAsync())!.Leftover);

        // 乐家 never signs: the organizer ends its draft and its ¥50,000 goes back to available, once; 仁爱 signs from the rest.
        var today = ChinaTime.Day(cluster.Clock.GetUtcNow());
        Assert.True((await round.CreateContractsAsync(organizer, today, today.AddMonths(11), "hengxi")).Succeeded);
        Assert.Equal("Reason", (await round.ReleaseUnsignedAsync(organizer, a, "", "hengxi")).Errors[0].Field);
        Assert.True((await round.ReleaseUnsignedAsync(organizer, a, "逾期未签订合同", "hengxi")).Succeeded);
        Assert.Equal("该项目的资金已释放", (await round.ReleaseUnsignedAsync(organizer, a, "逾期未签订合同", "hengxi")).Errors[0].Message);
        Assert.Equal(ContractStatus.Terminated, (await cluster.Grains.GetGrain<IContractGrain>(a).GetAsync())!.Status);
        var released = await budget.GetAsync();
        Assert.Equal((Y(40_000m), Y(1_160_000m)), (released.Encumbered, released.Available));
        var other = cluster.Grains.GetGrain<IContractGrain>(b);
        Assert.True((await other.SignAsStreetAsync(street, "hengxi")).Succeeded);
        Assert.True((await other.SignAsOrganizationAsync(renai, new BankAccount("中国银行南京江宁支行", "仁爱社工服务社", "6217000000000002"), "ngo")).Succeeded);
        Assert.Equal("合同已签订，资金已转为合同承诺，请通过合同终止处理", (await round.ReleaseUnsignedAsync(organizer, b, "逾期未签订合同", "hengxi")).Errors[0].Message);
        var signed = await budget.GetAsync();
        Assert.Equal((Money.Zero, Y(40_000m), Y(1_160_000m)), (signed.Encumbered, signed.Committed, signed.Available));
        Assert.Empty(await budget.CheckAsync());
    }
}
