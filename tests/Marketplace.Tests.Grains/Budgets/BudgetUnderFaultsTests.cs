using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Tests.Grains.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Marketplace.Tests.Grains.Budgets;

/// <summary>
/// Issue 16 item 8, money under faults: 250 contract signings (合同签订) and 250 tranche payouts (评估兑现) at once
/// against one street's budget, while the grain storage fails a seeded random 5% of writes and the silo is
/// restarted in the middle. Each caller retries with the same idempotency key until it gets an answer, as the
/// pages do after an error. Afterwards: committed + disbursed ≤ the budget, each tranche paid once, every
/// posting group balanced, the ledger checks and the ledger audit pass.
/// </summary>
public sealed class BudgetUnderFaultsTests(ClusterFixture fx, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private const int Year = 2026;
    private const int Contracts = 250;
    private const double FailureShare = 0.05;
    private const int Seed = 16_08;

    private static Money Y(decimal yuan) => Money.FromYuan(yuan);

    [Fact]
    public async Task Signings_and_payouts_with_failing_writes_and_a_silo_restart_keep_the_ledger_whole()
    {
        var street = await fx.QueryAsync(db => db.Streets.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        // 1,000,000.00 = 800,000 fiscal + 200,000 lottery; each contract 5,000 = 4,000 + 1,000, so exactly 200 fit.
        var setup = fx.Grains.GetStreetBudget(street, Year);
        var entered = await setup.EnterBudgetAsync(new BudgetEntry(Y(1_000_000m),
            [new(FundingSource.Fiscal, Y(800_000m)), new(FundingSource.WelfareLottery, Y(200_000m))], ""), 0, "street.official");
        Assert.True(entered.Succeeded);
        Assert.True((await setup.ConfirmBudgetAsync(entered.Value!.Version, "district.admin")).Succeeded);

        fx.Failures.FailShare(FailureShare, Seed);
        var attempts = 0;
        var exceptions = 0;
        var completed = 0;
        var restart = new TaskCompletionSource();
        Task? restarting = null;

        // One call as a page makes it: retried with the same request (same idempotency key) until an answer comes.
        async Task<Outcome<PostingGroup>> Retried(Func<IStreetBudgetGrain, Task<Outcome<PostingGroup>>> call)
        {
            for (var attempt = 1; ; attempt++)
            {
                Interlocked.Increment(ref attempts);
                try
                {
                    var outcome = await call(fx.Grains.GetStreetBudget(street, Year));
                    if (Interlocked.Increment(ref completed) == Contracts * 2 * 2 / 5)
                    {
                        restart.TrySetResult(); // 40% of the work answered: restart the silo under the rest
                    }
                    return outcome;
                }
                catch (Exception) when (attempt < 200)
                {
                    Interlocked.Increment(ref exceptions);
                    await Task.Delay(TimeSpan.FromMilliseconds(20 * Math.Min(attempt, 10))); // a caller's backoff, not synchronisation
                }
            }
        }

        var restarter = restart.Task.ContinueWith(_ => restarting = fx.RestartPrimaryAsync(), TaskScheduler.Default);
        var work = Enumerable.Range(1, Contracts).Select(async i =>
        {
            var contract = new DocumentRef(DocumentTypes.Contract, $"HT-F-{i:000}");
            var signed = await Retried(g => g.CommitAsync(new CommitRequest($"HT-F-{i:000}:sign", contract, "elderly", true, Y(5_000m),
                [new(FundingSource.Fiscal, Y(4_000m)), new(FundingSource.WelfareLottery, Y(1_000m))], "合同签订", "street.official")));
            // The first tranche (50%) is paid as soon as the contract is signed, while other signings still run;
            // a payout of a contract that was refused is refused too.
            var paid = await Retried(g => g.DisburseAsync(new MovementRequest($"HT-F-{i:000}/1:pay", contract,
                new DocumentRef(DocumentTypes.Tranche, $"HT-F-{i:000}/1"), Y(2_500m),
                [new(FundingSource.Fiscal, Y(2_000m)), new(FundingSource.WelfareLottery, Y(500m))], "首期 50% 支付", "street.official")));
            return (Signed: signed.Succeeded, Paid: paid.Succeeded);
        }).ToList();
        var results = await Task.WhenAll(work);
        await restarter;
        Assert.NotNull(restarting);
        await restarting;
        fx.Failures.FailShare(0, Seed);

        var signedCount = results.Count(r => r.Signed);
        var paidCount = results.Count(r => r.Paid);
        output.WriteLine($"money under faults: {Contracts} signings + {Contracts} payouts sent, {attempts} calls (with retries), "
            + $"{fx.Failures.Failed} storage writes failed on purpose ({FailureShare:P0}, seed {Seed}), {exceptions} calls answered with an exception, "
            + $"1 silo restart after {Contracts * 2 * 2 / 5} answers; {signedCount} signed, {paidCount} paid, {Contracts - signedCount} refused 可用余额不足");

        Assert.Equal(200, signedCount);
        Assert.Equal(200, paidCount);
        Assert.All(results, r => Assert.Equal(r.Signed, r.Paid));

        var grain = fx.Grains.GetStreetBudget(street, Year);
        var s = await grain.GetAsync();
        Assert.True(s.Committed + s.Disbursed <= s.Allocated);
        Assert.Equal(Y(1_000_000m), s.Allocated);
        Assert.Equal(Y(500_000m), s.Committed);
        Assert.Equal(Y(500_000m), s.Disbursed);
        Assert.Equal(s.Allocated, s.Committed + s.Available + s.Disbursed);
        Assert.All(await grain.GetGroupsAsync(), g => Assert.True(g.Balances));
        Assert.Empty(await grain.CheckAsync());

        await fx.QueryAsync(async db =>
        {
            // The confirmation, each signing, each payout — once.
            var groups = await LedgerAssertions.AssertWholeAsync(db, street, Year, s, 1 + 200 + 200);
            var tranches = groups.Where(g => g.DocumentType == DocumentTypes.Tranche).GroupBy(g => g.DocumentId).ToList();
            Assert.Equal(200, tranches.Count);
            Assert.All(tranches, t => Assert.Single(t));
            return 0;
        });
    }
}
