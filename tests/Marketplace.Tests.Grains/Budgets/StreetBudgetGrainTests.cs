using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Tests.Grains.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Budgets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Grains.Budgets;

public sealed class StreetBudgetGrainTests(ClusterFixture fx) : IClassFixture<ClusterFixture>
{
    private const int Year = 2026;
    private static int _streetsTaken;

    private static Money Y(decimal yuan) => Money.FromYuan(yuan);

    /// <summary>A seeded street no other test of this class uses, so every test starts with an empty ledger.</summary>
    private async Task<long> NewStreetAsync()
    {
        var ids = await fx.QueryAsync(db => db.Streets.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync());
        return ids[Interlocked.Increment(ref _streetsTaken) - 1];
    }

    private Task<AppDbContext> DbAsync() =>
        fx.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    private static BudgetEntry Entry(decimal fiscal, decimal lottery = 0m, decimal fund = 0m, decimal social = 0m) =>
        new(Y(fiscal + lottery + fund + social),
            [new(FundingSource.Fiscal, Y(fiscal)), new(FundingSource.WelfareLottery, Y(lottery)),
             new(FundingSource.StreetNgoFund, Y(fund)), new(FundingSource.SocialCapital, Y(social))], "");

    private async Task<IStreetBudgetGrain> ConfirmedBudgetAsync(long street, BudgetEntry entry)
    {
        var grain = fx.Grains.GetStreetBudget(street, Year);
        var entered = await grain.EnterBudgetAsync(entry, 0, "street.official");
        Assert.True(entered.Succeeded, string.Join("; ", entered.Errors.Select(e => e.Message)));
        var confirmed = await grain.ConfirmBudgetAsync(entered.Value!.Version, "district.admin");
        Assert.True(confirmed.Succeeded, string.Join("; ", confirmed.Errors.Select(e => e.Message)));
        return grain;
    }

    private static CommitRequest Commit(string key, string contract, decimal fiscal, decimal lottery = 0m, bool publicWelfare = true) =>
        new(key, new DocumentRef(DocumentTypes.Contract, contract), "elderly", publicWelfare, Y(fiscal + lottery),
            [new(FundingSource.Fiscal, Y(fiscal)), new(FundingSource.WelfareLottery, Y(lottery))], "合同签订", "street.official");

    [Fact]
    public async Task A_budget_entered_and_confirmed_in_one_write_ends_as_entry_then_confirmation()
    {
        var byHand = await ConfirmedBudgetAsync(await NewStreetAsync(), Entry(600_000m, 150_000m, 50_000m));
        var street = await NewStreetAsync();
        var grain = fx.Grains.GetStreetBudget(street, Year);
        var imported = await grain.EnterConfirmedBudgetAsync(Entry(600_000m, 150_000m, 50_000m), 0, "street.official", "district.admin");
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors.Select(e => e.Message)));

        var (expected, actual) = (await byHand.GetAsync(), await grain.GetAsync());
        Assert.Equal(BudgetStatus.Confirmed, actual.Budget!.Status);
        Assert.Equal(expected.Budget!.Version, actual.Budget.Version);
        Assert.Equal((expected.Budget.EnteredBy, expected.Budget.ConfirmedBy), (actual.Budget.EnteredBy, actual.Budget.ConfirmedBy));
        Assert.Equal(expected.Sources.ToArray(), actual.Sources.ToArray());
        var (allocation, imports) = (Assert.Single(await byHand.GetGroupsAsync()), Assert.Single(await grain.GetGroupsAsync()));
        Assert.Equal((allocation.Kind, allocation.Reason, allocation.User, allocation.Document), (imports.Kind, imports.Reason, imports.User, imports.Document));
        Assert.Equal(allocation.Postings.ToArray(), imports.Postings.ToArray());
        Assert.Empty(await grain.CheckAsync());
        // The ledger's read model (posting rows) holds the same allocation.
        await using var db = await DbAsync();
        await LedgerAssertions.AssertWholeAsync(db, street, Year, actual, 1);
    }

    [Fact]
    public async Task A_budget_import_that_breaks_a_rule_writes_nothing()
    {
        var grain = fx.Grains.GetStreetBudget(await NewStreetAsync(), Year);
        var empty = await grain.EnterConfirmedBudgetAsync(Entry(0m), 0, "street.official", "district.admin");
        Assert.False(empty.Succeeded);
        var stale = await grain.EnterConfirmedBudgetAsync(Entry(100_000m), 3, "street.official", "district.admin");
        Assert.Contains(stale.Errors, e => e.Message.Contains("已被他人修改", StringComparison.Ordinal));
        var snapshot = await grain.GetAsync();
        Assert.Null(snapshot.Budget);
        Assert.Equal(0, snapshot.GroupCount);
    }

    [Fact]
    public async Task Two_hundred_concurrent_commitments_never_exceed_the_budget()
    {
        var street = await NewStreetAsync();
        // 1,000,000.00 = 800,000 fiscal + 200,000 lottery; each contract 7,777.77 = 6,222.22 + 1,555.55.
        var grain = await ConfirmedBudgetAsync(street, Entry(800_000m, 200_000m));
        var results = await Task.WhenAll(Enumerable.Range(1, 200).Select(i =>
            grain.CommitAsync(Commit($"contract-{i}:commit", $"HT-{i:000}", 6_222.22m, 1_555.55m))));

        var succeeded = results.Count(r => r.Succeeded);
        // Fiscal limits: floor(800,000 / 6,222.22) = 128; lottery allows 128 too (128 × 1,555.55 = 199,110.40).
        Assert.Equal(128, succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains(r.Errors, e => e.Message.Contains("可用余额不足", StringComparison.Ordinal)));

        var snapshot = await grain.GetAsync();
        Assert.Equal(Y(7_777.77m * 128), snapshot.Committed);
        Assert.True(snapshot.Committed <= snapshot.Allocated);
        Assert.Equal(snapshot.Allocated, snapshot.Committed + snapshot.Available + snapshot.Disbursed);
        Assert.Empty(await grain.CheckAsync());

        await using var db = await DbAsync();
        await LedgerAssertions.AssertWholeAsync(db, street, Year, snapshot, 1 + 128);
    }

    [Fact]
    public async Task Same_idempotency_key_sent_ten_times_in_parallel_posts_once()
    {
        var street = await NewStreetAsync();
        var grain = await ConfirmedBudgetAsync(street, Entry(2_000_000m));
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            grain.CommitAsync(Commit("HT-2026-001:sign", "HT-2026-001", 300_000m))));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Single(results.Select(r => r.Value!.Id).Distinct());
        var snapshot = await grain.GetAsync();
        Assert.Equal(Y(300_000m), snapshot.Committed);
        Assert.Equal(2, snapshot.GroupCount); // allocation + one commitment
        await using var db = await DbAsync();
        Assert.Equal(1, await db.PostingGroups.CountAsync(g => g.StreetId == street && g.IdempotencyKey == "HT-2026-001:sign"));
    }

    [Fact]
    public async Task Idempotency_key_reused_for_another_contract_is_refused()
    {
        var grain = await ConfirmedBudgetAsync(await NewStreetAsync(), Entry(2_000_000m));
        Assert.True((await grain.CommitAsync(Commit("k-1", "HT-A", 100m))).Succeeded);
        var reused = await grain.CommitAsync(Commit("k-1", "HT-B", 100m));
        Assert.Equal("IdempotencyKey", Assert.Single(reused.Errors).Field);
        Assert.Equal(Y(100m), (await grain.GetAsync()).Committed);
    }

    [Fact]
    public async Task Failed_storage_write_leaves_the_grain_unchanged_and_a_retry_posts_once()
    {
        var street = await NewStreetAsync();
        var grain = await ConfirmedBudgetAsync(street, Entry(2_000_000m));
        var before = await grain.GetAsync();

        fx.Failures.FailNextWrite();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => grain.CommitAsync(Commit("HT-9:sign", "HT-9", 500_000m)));
        Assert.Contains("Simulated storage failure", failure.ToString(), StringComparison.Ordinal);

        var after = await grain.GetAsync();
        Assert.Equal(before.GroupCount, after.GroupCount);
        Assert.Equal(before.Committed, after.Committed);
        Assert.Equal(before.Available, after.Available);
        Assert.Equal(before.GroupCount, (await grain.GetGroupsAsync()).Length);
        await using (var db = await DbAsync())
        {
            Assert.False(await db.PostingGroups.AnyAsync(g => g.StreetId == street && g.IdempotencyKey == "HT-9:sign"));
        }

        var retried = await grain.CommitAsync(Commit("HT-9:sign", "HT-9", 500_000m));
        Assert.True(retried.Succeeded);
        Assert.Equal(Y(500_000m), (await grain.GetAsync()).Committed);
        await using (var db = await DbAsync())
        {
            Assert.Equal(1, await db.PostingGroups.CountAsync(g => g.StreetId == street && g.IdempotencyKey == "HT-9:sign"));
        }
    }

    [Fact]
    public async Task Commit_disburse_release_and_reversal_keep_every_account_in_balance()
    {
        var street = await NewStreetAsync();
        var grain = await ConfirmedBudgetAsync(street, Entry(1_600_000m, 400_000m));
        var contract = new DocumentRef(DocumentTypes.Contract, "HT-2026-018");
        Assert.True((await grain.CommitAsync(Commit("HT-2026-018:sign", "HT-2026-018", 200_000m, 100_000m))).Succeeded);
        var first = await grain.DisburseAsync(new MovementRequest("T1:pay", contract, new DocumentRef(DocumentTypes.Tranche, "HT-2026-018/1"),
            Y(150_000m), [new(FundingSource.Fiscal, Y(100_000m)), new(FundingSource.WelfareLottery, Y(50_000m))], "首期 50% 签约支付", "street.official"));
        Assert.True(first.Succeeded);
        var withheld = await grain.ReleaseAsync(new MovementRequest("T3:withhold", contract, new DocumentRef(DocumentTypes.Tranche, "HT-2026-018/3"),
            Y(60_000m), [new(FundingSource.Fiscal, Y(40_000m)), new(FundingSource.WelfareLottery, Y(20_000m))], "末期评估不合格，暂扣", "street.official"));
        Assert.True(withheld.Succeeded);
        var tooMuch = await grain.DisburseAsync(new MovementRequest("T2:pay", contract, new DocumentRef(DocumentTypes.Tranche, "HT-2026-018/2"),
            Y(100_000m), [new(FundingSource.Fiscal, Y(100_000m))], "中期支付", "street.official"));
        Assert.Equal(nameof(FundingSource.Fiscal), Assert.Single(tooMuch.Errors).Field);
        var reversal = await grain.ReverseAsync(new ReversalRequest("fix-T3", withheld.Value!.Id, "误操作，冲正", "street.official"));
        Assert.True(reversal.Succeeded);
        Assert.Equal(withheld.Value.Id, reversal.Value!.Reverses);
        var again = await grain.ReverseAsync(new ReversalRequest("fix-T3-again", withheld.Value.Id, "再次冲正", "street.official"));
        Assert.Contains("已冲正", Assert.Single(again.Errors).Message, StringComparison.Ordinal);

        var s = await grain.GetAsync();
        Assert.Equal(Y(2_000_000m), s.Allocated);
        Assert.Equal(Y(150_000m), s.Disbursed);
        Assert.Equal(Y(150_000m), s.Committed);
        Assert.Equal(Y(1_700_000m), s.Available);
        Assert.All((await grain.GetGroupsAsync()), g => Assert.True(g.Balances));
        Assert.Empty(await grain.CheckAsync());
        await using var db = await DbAsync();
        var audit = await LedgerAudit.RunAsync(db, null, Year, CancellationToken.None);
        Assert.True(audit.Passed, string.Join("; ", audit.Problems));
    }

    [Fact]
    public async Task Lottery_fund_cannot_be_committed_to_a_non_public_welfare_contract()
    {
        var grain = await ConfirmedBudgetAsync(await NewStreetAsync(), Entry(1_600_000m, 400_000m));
        var refused = await grain.CommitAsync(Commit("k", "HT-X", 10_000m, 5_000m, publicWelfare: false));
        Assert.Equal(nameof(FundingSource.WelfareLottery), Assert.Single(refused.Errors).Field);
        Assert.False((await grain.CanCommitAsync(Y(15_000m),
            [new(FundingSource.Fiscal, Y(10_000m)), new(FundingSource.WelfareLottery, Y(5_000m))], false)).Succeeded);
        Assert.True((await grain.CanCommitAsync(Y(15_000m),
            [new(FundingSource.Fiscal, Y(10_000m)), new(FundingSource.WelfareLottery, Y(5_000m))], true)).Succeeded);
        Assert.Equal(0, (await grain.GetAsync()).GroupCount - 1);
    }

    [Fact]
    public async Task Bad_amounts_and_a_split_not_adding_up_post_nothing()
    {
        var grain = await ConfirmedBudgetAsync(await NewStreetAsync(), Entry(2_000_000m));
        var mismatch = await grain.CommitAsync(new CommitRequest("bad-1", new DocumentRef(DocumentTypes.Contract, "HT-1"), "elderly", true,
            Y(100_000m), [new(FundingSource.Fiscal, Y(60_000m)), new(FundingSource.WelfareLottery, Y(30_000m))], "合同签订", "u"));
        Assert.Contains(mismatch.Errors, e => e.Field == BudgetRules.SplitField);
        var negative = await grain.CommitAsync(new CommitRequest("bad-2", new DocumentRef(DocumentTypes.Contract, "HT-2"), "elderly", true,
            Y(-5m), [new(FundingSource.Fiscal, Y(-5m))], "合同签订", "u"));
        Assert.Contains(negative.Errors, e => e.Field == BudgetRules.TotalField);
        var overMax = Y(Money.MaxAmount) + Y(1m);
        var huge = await grain.CommitAsync(new CommitRequest("bad-3", new DocumentRef(DocumentTypes.Contract, "HT-3"), "elderly", true,
            overMax, [new(FundingSource.Fiscal, overMax)], "合同签订", "u"));
        Assert.Contains(huge.Errors, e => e.Field == BudgetRules.TotalField);
        var noArea = await grain.CommitAsync(new CommitRequest("bad-4", new DocumentRef(DocumentTypes.Contract, "HT-4"), "nowhere", true,
            Y(1m), [new(FundingSource.Fiscal, Y(1m))], "合同签订", "u"));
        Assert.Contains(noArea.Errors, e => e.Field == "ServiceAreaCode");

        var s = await grain.GetAsync();
        Assert.Equal(1, s.GroupCount);
        Assert.Equal(Money.Zero, s.Committed);
    }

    [Fact]
    public async Task Budget_below_the_floor_can_be_saved_and_confirmed()
    {
        var grain = await ConfirmedBudgetAsync(await NewStreetAsync(), Entry(1_999_999.99m));
        var s = await grain.GetAsync();
        Assert.Equal(Y(1_999_999.99m), s.Allocated);
        Assert.Equal(BudgetStatus.Confirmed, s.Budget!.Status);
    }

    [Fact]
    public async Task Revised_budget_allocates_only_the_difference_and_cannot_drop_below_what_is_committed()
    {
        var grain = await ConfirmedBudgetAsync(await NewStreetAsync(), Entry(2_000_000m));
        Assert.True((await grain.CommitAsync(Commit("c1", "HT-1", 1_500_000m))).Succeeded);
        var tooLow = await grain.EnterBudgetAsync(Entry(1_000_000m), 1, "street.official");
        Assert.Equal(nameof(FundingSource.Fiscal), Assert.Single(tooLow.Errors).Field);
        var raised = await grain.EnterBudgetAsync(Entry(2_100_000m, 100_000m), 1, "street.official");
        Assert.True(raised.Succeeded);
        Assert.Equal(BudgetStatus.PendingConfirmation, raised.Value!.Status);
        Assert.Equal(Y(2_000_000m), (await grain.GetAsync()).Allocated); // not yet confirmed
        var stale = await grain.ConfirmBudgetAsync(1, "district.admin");
        Assert.False(stale.Succeeded);
        Assert.True((await grain.ConfirmBudgetAsync(2, "district.admin")).Succeeded);
        var s = await grain.GetAsync();
        Assert.Equal(Y(2_200_000m), s.Allocated);
        Assert.Equal(Y(700_000m), s.Available);
        var allocation = (await grain.GetGroupsAsync()).Last();
        Assert.Equal(PostingKind.Allocation, allocation.Kind);
        Assert.Equal(Y(200_000m), Money.Sum(allocation.Postings.Where(p => p.Account == LedgerAccountKind.Available).Select(p => p.Amount)));
    }

    [Fact]
    public async Task Ledger_reads_back_identically_after_the_grain_is_deactivated()
    {
        var grain = await ConfirmedBudgetAsync(await NewStreetAsync(), Entry(1_800_000m, 200_000m));
        var contract = new DocumentRef(DocumentTypes.Contract, "HT-R1");
        Assert.True((await grain.CommitAsync(Commit("r1:sign", "HT-R1", 100_000.01m, 50_000m))).Succeeded);
        var paid = await grain.DisburseAsync(new MovementRequest("r1:pay", contract, new DocumentRef(DocumentTypes.Tranche, "HT-R1/1"),
            Y(50_000.01m), [new(FundingSource.Fiscal, Y(50_000.01m))], "首期", "street.official"));
        Assert.True((await grain.ReverseAsync(new ReversalRequest("r1:fix", paid.Value!.Id, "冲正", "street.official"))).Succeeded);
        var before = await grain.GetAsync();
        var groupsBefore = await grain.GetGroupsAsync();

        // Deactivate every grain: the next call activates a new instance that must read its state back.
        await fx.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var after = await grain.GetAsync();
        var groupsAfter = await grain.GetGroupsAsync();
        Assert.Equal(before.Sources.AsEnumerable(), after.Sources.AsEnumerable());
        Assert.Equal(before.Budget!.Entry.Lines.AsEnumerable(), after.Budget!.Entry.Lines.AsEnumerable());
        Assert.Equal(before.Budget with { Entry = before.Budget.Entry with { Lines = [] } },
            after.Budget with { Entry = after.Budget.Entry with { Lines = [] } });
        Assert.Equal(groupsBefore.Length, groupsAfter.Length);
        for (var i = 0; i < groupsBefore.Length; i++)
        {
            Assert.Equal(groupsBefore[i] with { Postings = [] }, groupsAfter[i] with { Postings = [] });
            Assert.Equal(groupsBefore[i].Postings.AsEnumerable(), groupsAfter[i].Postings.AsEnumerable());
        }
        // Idempotency survives the reload: the same key still answers with the stored group.
        var replay = await grain.CommitAsync(Commit("r1:sign", "HT-R1", 100_000.01m, 50_000m));
        Assert.Equal(groupsBefore[1].Id, replay.Value!.Id);
        Assert.Empty(await grain.CheckAsync());
    }

    [Fact]
    public async Task Budget_of_a_street_that_does_not_exist_is_refused()
    {
        var entered = await fx.Grains.GetStreetBudget(999_999, Year).EnterBudgetAsync(Entry(2_000_000m), 0, "x");
        Assert.False(entered.Succeeded);
    }
}
