using Marketplace.Budgets;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Grains.Infrastructure;
using Marketplace.Tests.Grains.Tendering;
using Marketplace.Web.Features.Budgets;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Tests.Grains.Contracts.ContractTestData;

namespace Marketplace.Tests.Grains.Contracts;

/// <summary>
/// Many contracts of one street sign at the same moment while other commitments compete for the same
/// budget: what a purchase holds stays its own, and nothing is committed beyond what is available.
/// This class owns its cluster, so the street's budget is exactly the one entered here.
/// </summary>
public sealed class ContractSigningConcurrencyTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const int Contracts = 100;
    private const decimal Ceiling = 200_000m;   // 财政资金 100,000 + 街道专项基金 100,000 (the test notice's split)
    private const decimal Awarded = 150_000m;   // re-sized at the award to 75,000 + 75,000

    private static Money Y(decimal yuan) => Money.FromYuan(yuan);

    [Fact]
    public async Task Hundred_concurrent_signings_against_one_street_budget_never_commit_more_than_is_available()
    {
        var streetId = await cluster.QueryAsync(db => db.Streets.Where(s => s.Name == "汤山街道").Select(s => s.Id).SingleAsync());
        var year = TenderRulesTests.Notice(cluster.Clock.GetUtcNow()).ServiceStart.Year;
        var budget = cluster.Grains.GetStreetBudget(streetId, year);
        // 21,000,000 = 10,500,000 + 10,500,000: the hundred notices hold 20,000,000, the awards free 5,000,000.
        SourceAmount[] lines = [new(FundingSource.Fiscal, Y(10_500_000m)), new(FundingSource.StreetNgoFund, Y(10_500_000m))];
        var entered = await budget.EnterBudgetAsync(new BudgetEntry(Y(21_000_000m), [.. lines], "汤山街道2026年度政府购买服务预算"), 0, "tangshan");
        Assert.True(entered.Succeeded);
        Assert.True((await budget.ConfirmBudgetAsync(entered.Value!.Version, "admin")).Succeeded);

        var winner = TenderTestData.NewUscc();
        await cluster.AddNgoAccountsAsync(winner);
        var tenders = new List<(ITenderGrain Grain, TenderInfo Info)>();
        for (var i = 0; i < Contracts; i++)
        {
            tenders.Add(await cluster.PublishedTenderAsync("汤山街道", minimum: 3, ceiling: Ceiling));
        }
        // No applications: every purchase fails and goes single-source to the same organization, then 公示 ends.
        cluster.Clock.Advance(tenders.Max(t => t.Info.Notice.Deadline) - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        foreach (var (grain, _) in tenders)
        {
            Assert.Equal(TenderStatus.Failed, (await grain.CloseAsync()).Value!.Status);
            Assert.True((await grain.SwitchToSingleSourceAsync(winner, Y(Awarded), "该服务需与街道既有的养老服务平台衔接，只能从唯一供应商处采购", "tangshan")).Succeeded);
        }
        var publicityEnds = new List<DateTimeOffset>();
        foreach (var (grain, _) in tenders)
        {
            publicityEnds.Add((await grain.GetInfoAsync())!.Award!.PublicityEndsAt);
        }
        cluster.Clock.Advance(publicityEnds.Max() - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        var contracts = new List<IContractGrain>();
        foreach (var (grain, info) in tenders)
        {
            Assert.Equal(TenderStatus.ReadyForContract, (await grain.EndPublicityAsync()).Value!.Status);
            var contract = cluster.Grains.GetGrain<IContractGrain>(info.Id);
            Assert.True((await contract.CreateFromAwardAsync(cluster.Draft(streetId), "tangshan")).Succeeded);
            Assert.True((await contract.SignAsStreetAsync(streetId, "tangshan")).Succeeded);
            contracts.Add(contract);
        }
        var before = await budget.GetAsync();
        Assert.Equal((Y(15_000_000m), Y(6_000_000m)), (before.Encumbered, before.Available));

        // All at once: the hundred organization signatures, and a hundred other commitments of 100,000 each
        // asking for 10,000,000 of the 6,000,000 still available.
        var signings = contracts.Select(c => c.SignAsOrganizationAsync(winner, Account, "ngo")).ToList();
        var rivals = Enumerable.Range(1, Contracts).Select(i => budget.CommitAsync(new CommitRequest($"rival-{i}:commit",
            new DocumentRef(DocumentTypes.Contract, $"HT-TS-{i:000}"), "elderly", false, Y(100_000m),
            [new(FundingSource.Fiscal, Y(50_000m)), new(FundingSource.StreetNgoFund, Y(50_000m))], "合同签订", "tangshan"))).ToList();
        var signed = await Task.WhenAll(signings);
        var rivalResults = await Task.WhenAll(rivals);

        // Every signing converts its own purchase's hold; the rivals get exactly what was free.
        Assert.All(signed, s => Assert.True(s.Succeeded, s.Errors.IsDefaultOrEmpty ? "" : s.Errors[0].Message));
        Assert.Equal(60, rivalResults.Count(r => r.Succeeded));
        Assert.All(rivalResults.Where(r => !r.Succeeded), r => Assert.Contains(r.Errors, e => e.Message.Contains("可用余额不足", StringComparison.Ordinal)));
        var after = await budget.GetAsync();
        Assert.Equal((Y(21_000_000m), Money.Zero, Money.Zero), (after.Committed, after.Available, after.Encumbered));
        Assert.Equal(after.Allocated, after.Available + after.Encumbered + after.Committed + after.Disbursed);
        Assert.Empty(await budget.CheckAsync());
        foreach (var c in contracts)
        {
            Assert.Equal(ContractStatus.Signed, (await c.GetAsync())!.Status);
        }

        // The relational books say the same: every group balances and the audit passes.
        var audit = await cluster.QueryAsync(db => LedgerAudit.RunAsync(db, null, year, CancellationToken.None));
        Assert.True(audit.Passed, string.Join("; ", audit.Problems));
        var row = await cluster.QueryAsync(db => db.StreetBudgets.AsNoTracking().SingleAsync(b => b.StreetId == streetId && b.Year == year));
        Assert.Equal((after.Committed, after.Available), (row.Committed, row.Available));
    }
}
