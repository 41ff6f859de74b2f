using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Grains.Infrastructure;
using Marketplace.Tests.Grains.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Budgets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Grains.Budgets;

/// <summary>预算占用 in the street budget grain and from the tender lifecycle, on a real cluster and SQLite file.</summary>
public sealed class EncumbranceTests(ClusterFixture fx) : IClassFixture<ClusterFixture>
{
    private const int Year = 2026; // TenderRulesTests.Notice starts the service on 2026-04-01
    private static int _streetsTaken;

    private static Money Y(decimal yuan) => Money.FromYuan(yuan);

    private static DocumentRef Tender(string id) => new(DocumentTypes.Tender, id);

    private async Task<(long Id, string Name)> NewStreetAsync()
    {
        var streets = await fx.QueryAsync(db => db.Streets.Where(s => s.District!.Name == "江宁区").OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Name }).ToListAsync());
        var s = streets[Interlocked.Increment(ref _streetsTaken) - 1];
        return (s.Id, s.Name);
    }

    private async Task<IStreetBudgetGrain> FundedAsync(long street, decimal fiscal, decimal lottery = 0m)
    {
        var grain = fx.Grains.GetStreetBudget(street, Year);
        ImmutableArray<SourceAmount> lines = [new(FundingSource.Fiscal, Y(fiscal)), new(FundingSource.WelfareLottery, Y(lottery))];
        var entered = await grain.EnterBudgetAsync(new BudgetEntry(Y(fiscal + lottery), lines, ""), 0, "street.official");
        Assert.True(entered.Succeeded, string.Join("; ", entered.Errors.Select(e => e.Message)));
        Assert.True((await grain.ConfirmBudgetAsync(entered.Value!.Version, "district.admin")).Succeeded);
        return grain;
    }

    private static EncumberRequest Encumber(string key, string tender, decimal fiscal, decimal lottery = 0m) =>
        new(key, Tender(tender), "elderly", PublicWelfare: true, Y(fiscal + lottery),
            [new(FundingSource.Fiscal, Y(fiscal)), new(FundingSource.WelfareLottery, Y(lottery))], "发布采购公告", "street.official");

    /// <summary>The grain's own checks and the relational audit both pass, and the read model shows what the grain holds.</summary>
    private async Task AssertBooksBalanceAsync(IStreetBudgetGrain grain, long street)
    {
        Assert.Empty(await grain.CheckAsync());
        await using var db = await fx.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var audit = await LedgerAudit.RunAsync(db, null, Year, CancellationToken.None);
        Assert.True(audit.Passed, string.Join("; ", audit.Problems));
        var snapshot = await grain.GetAsync();
        var row = await db.StreetBudgets.AsNoTracking().SingleAsync(b => b.StreetId == street && b.Year == Year);
        Assert.Equal(snapshot.Figures, row.Figures);
        Assert.Equal(snapshot.Available, row.Available);
        Assert.Equal(snapshot.Allocated, snapshot.Available + snapshot.Encumbered + snapshot.Committed + snapshot.Disbursed);
    }

    [Fact]
    public async Task Of_four_million_encumbrances_against_1_4_million_exactly_one_posts_also_all_at_once()
    {
        var (street, _) = await NewStreetAsync();
        var grain = await FundedAsync(street, 1_400_000m);
        var results = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => grain.EncumberAsync(Encumber($"t{i}:publish", $"t{i}", 1_000_000m))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r =>
            Assert.StartsWith("财政资金可用余额不足，差 ¥600,000.00", Assert.Single(r.Errors).Message, StringComparison.Ordinal));
        var snapshot = await grain.GetAsync();
        Assert.Equal((Y(1_000_000m), Y(400_000m), Money.Zero), (snapshot.Encumbered, snapshot.Available, snapshot.Committed));
        await AssertBooksBalanceAsync(grain, street);
    }

    [Fact]
    public async Task Award_resizes_signing_converts_cancel_releases_and_the_books_balance_after_every_step()
    {
        var (street, _) = await NewStreetAsync();
        var grain = await FundedAsync(street, 2_000_000m, 500_000m);

        // Publish: 300,000 held (200,000 财政资金 + 100,000 福彩公益金); the same key again posts nothing more.
        var first = await grain.EncumberAsync(Encumber("a:publish", "a", 200_000m, 100_000m));
        Assert.True(first.Succeeded);
        Assert.Equal(first.Value!.Id, (await grain.EncumberAsync(Encumber("a:publish", "a", 200_000m, 100_000m))).Value!.Id);
        Assert.Equal("该采购项目已占用预算", (await grain.EncumberAsync(Encumber("a:again", "a", 1m))).Errors[0].Message);
        Assert.Equal(Y(300_000m), (await grain.GetAsync()).Encumbered);
        await AssertBooksBalanceAsync(grain, street);

        // Award at 280,000: the notice's 2:1 proportion, rounded 四舍五入, the fen left over on the last source.
        var award = new ResizeEncumbranceRequest("a:award", Tender("a"), Y(280_000m), null, "确定中标", "street.official");
        var resized = await grain.ResizeEncumbranceAsync(award);
        Assert.True(resized.Succeeded);
        Assert.Equal(resized.Value!.Id, (await grain.ResizeEncumbranceAsync(award)).Value!.Id);
        var held = await grain.GetEncumbranceAsync(Tender("a"));
        Assert.Equal(Y(186_666.67m), held.Single(h => h.Source == FundingSource.Fiscal).Amount);
        Assert.Equal(Y(93_333.33m), held.Single(h => h.Source == FundingSource.WelfareLottery).Amount);
        var snapshot = await grain.GetAsync();
        Assert.Equal((Y(280_000m), Y(2_220_000m)), (snapshot.Encumbered, snapshot.Available));
        await AssertBooksBalanceAsync(grain, street);

        // Signing: the held money becomes the contract's commitment.
        var contract = new DocumentRef(DocumentTypes.Contract, "HT-A");
        var over = await grain.ConvertEncumbranceToCommitmentAsync(new("a:sign", Tender("a"), contract, Y(300_000m),
            [new(FundingSource.Fiscal, Y(200_000m)), new(FundingSource.WelfareLottery, Y(100_000m))], "合同签订", "street.official"));
        Assert.Contains(over.Errors, e => e.Message.StartsWith("超过该采购项目财政资金的预算占用", StringComparison.Ordinal));
        var signed = await grain.ConvertEncumbranceToCommitmentAsync(new("a:sign", Tender("a"), contract, Y(280_000m), held, "合同签订", "street.official"));
        Assert.True(signed.Succeeded, string.Join("; ", signed.Errors.Select(e => e.Message)));
        snapshot = await grain.GetAsync();
        Assert.Equal((Money.Zero, Y(280_000m), Y(2_220_000m)), (snapshot.Encumbered, snapshot.Committed, snapshot.Available));
        Assert.True((await grain.DisburseAsync(new MovementRequest("a:pay1", contract, new DocumentRef(DocumentTypes.Tranche, "HT-A/1"),
            Y(140_000m), [new(FundingSource.Fiscal, Y(93_333.34m)), new(FundingSource.WelfareLottery, Y(46_666.66m))], "首期款", "street.official"))).Succeeded);
        await AssertBooksBalanceAsync(grain, street);

        // Another notice is cancelled: all it held goes back; a second release posts nothing.
        Assert.True((await grain.EncumberAsync(Encumber("b:publish", "b", 500_000m))).Succeeded);
        var release = new ReleaseEncumbranceRequest("b:cancel", Tender("b"), "公告取消", "street.official");
        var released = await grain.ReleaseEncumbranceAsync(release);
        Assert.True(released.Succeeded);
        Assert.Equal(released.Value!.Id, (await grain.ReleaseEncumbranceAsync(release)).Value!.Id);
        var groups = (await grain.GetAsync()).GroupCount;
        var nothing = await grain.ReleaseEncumbranceAsync(new("b:failed", Tender("b"), "采购失败", "system"));
        Assert.True(nothing.Succeeded);
        Assert.Null(nothing.Value);
        snapshot = await grain.GetAsync();
        Assert.Equal(groups, snapshot.GroupCount);
        Assert.Equal((Money.Zero, Y(2_220_000m)), (snapshot.Encumbered, snapshot.Available)); // the payment came out of committed money
        Assert.Equal(Y(140_000m), snapshot.Disbursed);
        await AssertBooksBalanceAsync(grain, street);
    }

    [Fact]
    public async Task Failed_storage_write_of_an_encumbrance_leaves_the_grain_unchanged_and_a_retry_posts_once()
    {
        var (street, _) = await NewStreetAsync();
        var grain = await FundedAsync(street, 2_000_000m);
        var before = await grain.GetAsync();

        fx.Failures.FailNextWrite();
        await Assert.ThrowsAnyAsync<Exception>(() => grain.EncumberAsync(Encumber("f:publish", "f", 500_000m)));
        var after = await grain.GetAsync();
        Assert.Equal((before.GroupCount, before.Figures), (after.GroupCount, after.Figures));
        Assert.Equal(before.GroupCount, (await grain.GetGroupsAsync()).Length);

        Assert.True((await grain.EncumberAsync(Encumber("f:publish", "f", 500_000m))).Succeeded);
        Assert.True((await grain.EncumberAsync(Encumber("f:publish", "f", 500_000m))).Succeeded);
        Assert.Equal(before.GroupCount + 1, (await grain.GetAsync()).GroupCount);
        Assert.Equal(Y(500_000m), (await grain.GetAsync()).Encumbered);
        await AssertBooksBalanceAsync(grain, street);
    }

    private async Task<(ITenderGrain Grain, TenderInfo Info)> DraftAsync(long streetId, string name, decimal fiscal, int minimum = 3)
    {
        var (_, districtId, itemId) = await fx.StreetWithItemAsync(name);
        var now = fx.Clock.GetUtcNow();
        var notice = TenderRulesTests.Notice(now.AddMinutes(-1), fiscal) with
        {
            TransferItemId = itemId, Deadline = now.AddHours(1), MinimumValidApplications = minimum,
            Funding = [new FundingShare(FundingSource.Fiscal, Y(fiscal))],
        };
        var grain = fx.Grains.GetGrain<ITenderGrain>(Guid.NewGuid());
        var created = await grain.CreateAsync(streetId, districtId, notice, "official");
        Assert.True(created.Succeeded, created.Errors.IsDefaultOrEmpty ? "" : created.Errors[0].Message);
        return (grain, created.Value!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Of_four_million_notices_against_1_4_million_exactly_one_publishes(bool allAtOnce)
    {
        var (street, name) = await NewStreetAsync();
        var budget = await FundedAsync(street, 1_400_000m);
        var drafts = new List<(ITenderGrain Grain, TenderInfo Info)>();
        for (var i = 0; i < 4; i++)
        {
            drafts.Add(await DraftAsync(street, name, 1_000_000m));
        }
        Outcome<TenderInfo>[] results;
        if (allAtOnce)
        {
            results = await Task.WhenAll(drafts.Select(d => d.Grain.PublishAsync(d.Info.Version, "official")));
        }
        else
        {
            results = new Outcome<TenderInfo>[4];
            for (var i = 0; i < 4; i++)
            {
                results[i] = await drafts[i].Grain.PublishAsync(drafts[i].Info.Version, "official");
            }
        }

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r =>
        {
            var e = Assert.Single(r.Errors);
            Assert.Equal("", e.Field); // no form field holds the funding on the tender page: shown at the top
            Assert.StartsWith("2026年度预算：财政资金可用余额不足，差 ¥600,000.00", e.Message, StringComparison.Ordinal);
        });
        var states = await Task.WhenAll(drafts.Select(d => d.Grain.GetInfoAsync()));
        Assert.Single(states, s => s!.Status == TenderStatus.Published);
        Assert.Equal(3, states.Count(s => s!.Status == TenderStatus.Draft));
        Assert.Equal(Y(1_000_000m), (await budget.GetAsync()).Encumbered);
        await AssertBooksBalanceAsync(budget, street);
    }

    [Fact]
    public async Task Cancel_and_failure_release_what_the_notice_held()
    {
        var (street, name) = await NewStreetAsync();
        var budget = await FundedAsync(street, 1_400_000m);

        var (cancelled, draft) = await DraftAsync(street, name, 1_000_000m);
        Assert.True((await cancelled.PublishAsync(draft.Version, "official")).Succeeded);
        Assert.Equal(Y(1_000_000m), (await budget.GetAsync()).Encumbered);
        Assert.True((await cancelled.CancelAsync("需求调整", "official")).Succeeded);
        Assert.Equal((Money.Zero, Y(1_400_000m)), ((await budget.GetAsync()).Encumbered, (await budget.GetAsync()).Available));
        await AssertBooksBalanceAsync(budget, street);

        // No application by the deadline: the purchase fails and frees its money, so a re-run can hold it anew.
        var (failing, second) = await DraftAsync(street, name, 1_000_000m);
        Assert.True((await failing.PublishAsync(second.Version, "official")).Succeeded);
        fx.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(TenderStatus.Failed, (await failing.CloseAsync()).Value!.Status);
        Assert.Equal(Money.Zero, (await budget.GetAsync()).Encumbered);
        await AssertBooksBalanceAsync(budget, street);

        var rerun = await failing.RerunAsync(Guid.NewGuid(), "official");
        Assert.True(rerun.Succeeded);
        var again = fx.Grains.GetGrain<ITenderGrain>(rerun.Value!.Id);
        Assert.True((await again.PublishAsync(rerun.Value.Version, "official")).Succeeded);
        Assert.Equal(Y(1_000_000m), (await budget.GetAsync()).Encumbered);
        Assert.Equal(Y(1_000_000m), (await budget.GetEncumbranceAsync(Tender(rerun.Value.Id.ToString("N")))).Single(h => h.Source == FundingSource.Fiscal).Amount);
        await AssertBooksBalanceAsync(budget, street);
    }
}
