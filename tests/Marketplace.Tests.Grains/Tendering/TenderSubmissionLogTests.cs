using System.Diagnostics.Metrics;
using Marketplace.Tendering;
using Marketplace.Tests.Grains.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Tests.Grains.Tendering.TenderTestData;

namespace Marketplace.Tests.Grains.Tendering;

/// <summary>
/// The submit path of ADR 0007 in a real silo over a real SQLite file: applications go to the sealed
/// submission log in group commits, survive the grain's deactivation, and reach the tender's state at closing.
/// </summary>
public sealed class TenderSubmissionLogTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_rush_of_concurrent_submissions_is_acknowledged_durably_in_shared_writes()
    {
        var (grain, info) = await cluster.PublishedTenderAsync("东山街道");
        var usccs = Enumerable.Range(0, 20).Select(_ => NewUscc()).ToArray();
        await cluster.AddNgoAccountsAsync(usccs);
        var batchSizes = new List<int>();
        using var listener = BatchSizeListener(batchSizes);

        // 20 organizations × 10 revisions each, all at once.
        var calls = usccs.SelectMany(u => Enumerable.Range(1, 10).Select(r =>
            grain.SubmitAsync(u, Proposal(200_000m + r), $"{u}-{r}", "ngo"))).ToList();
        var receipts = await Task.WhenAll(calls);

        Assert.All(receipts, r => Assert.True(r.Succeeded));
        foreach (var u in usccs)
        {
            Assert.Equal(Enumerable.Range(1, 10), receipts.Where(r => r.Value!.Uscc == u).Select(r => r.Value!.Revision).Order());
        }
        var rows = await cluster.QueryAsync(db => db.TenderSubmissions.AsNoTracking().Where(x => x.TenderId == info.Id).ToListAsync());
        Assert.Equal(200, rows.Count);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), rows.Select(r => r.Sequence).Order());
        Assert.Equal(20, await cluster.QueryAsync(db => db.Notifications.CountAsync(n => n.TenderId == info.Id && n.Recipient.StartsWith("org:"))) / 10);
        lock (batchSizes)
        {
            Assert.True(batchSizes.Max() > 1, $"200 simultaneous submissions were written one transaction each: {batchSizes.Count} writes");
        }
        // Sealed: the tender's read model and document carry no trace of them.
        var tender = await cluster.QueryAsync(db => db.Tenders.AsNoTracking().SingleAsync(t => t.Id == info.Id));
        Assert.Equal(info.Version, tender.Version);
    }

    [Fact]
    public async Task Applications_survive_deactivation_and_reach_the_tender_at_closing()
    {
        var (grain, info) = await cluster.PublishedTenderAsync("秣陵街道");
        var usccs = new[] { NewUscc(), NewUscc(), NewUscc() };
        await cluster.AddNgoAccountsAsync(usccs);
        foreach (var (u, i) in usccs.Select((u, i) => (u, i)))
        {
            Assert.True((await grain.SubmitAsync(u, Proposal(210_000m + i), $"a{i}", "ngo")).Succeeded);
        }
        Assert.True((await grain.SubmitAsync(usccs[0], Proposal(205_000m), "b0", "ngo")).Succeeded);

        await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await cluster.Cluster.WaitForLivenessToStabilizeAsync();

        // A new activation reads the log: the next revision and the next sequence number follow on.
        var own = (await grain.GetOwnApplicationAsync(usccs[0]))!;
        Assert.Equal((2, 205_000m), (own.Revision, own.Proposal.Price.Yuan));
        var retry = await grain.SubmitAsync(usccs[1], Proposal(211_000m), "a1", "ngo");
        Assert.Equal(1, retry.Value!.Revision); // a retry of a key from before the deactivation stores nothing
        Assert.True((await grain.WithdrawAsync(usccs[2], "ngo")).Succeeded);

        cluster.Clock.Advance(info.Notice.Deadline - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        Assert.Equal(TenderStatus.Failed, (await grain.CloseAsync()).Value!.Status); // two valid, three needed
        var applicants = (await grain.GetApplicantsAsync()).Value;
        Assert.Equal([usccs[0], usccs[1]], applicants.Select(a => a.Uscc).Order());
        Assert.Equal(5, await cluster.QueryAsync(db => db.TenderSubmissions.CountAsync(x => x.TenderId == info.Id)));
    }

    [Fact]
    public async Task A_failed_write_acknowledges_nothing_and_the_same_submission_can_be_sent_again()
    {
        var (grain, info) = await cluster.PublishedTenderAsync("淳化街道");
        var uscc = NewUscc();
        await cluster.AddNgoAccountsAsync(uscc);

        cluster.Failures.FailNextWrite();
        await Assert.ThrowsAnyAsync<Exception>(() => grain.SubmitAsync(uscc, Proposal(250_000m), "k", "ngo"));
        Assert.Null(await grain.GetOwnApplicationAsync(uscc));
        Assert.Equal(0, await cluster.QueryAsync(db => db.TenderSubmissions.CountAsync(x => x.TenderId == info.Id)));

        var again = await grain.SubmitAsync(uscc, Proposal(250_000m), "k", "ngo");
        Assert.True(again.Succeeded);
        Assert.Equal(1, again.Value!.Revision);
        Assert.Equal(1, (await grain.GetOwnApplicationAsync(uscc))!.Revision);
    }

    [Fact]
    public async Task Concurrent_retries_of_one_key_store_one_application_and_get_one_receipt()
    {
        var (grain, info) = await cluster.PublishedTenderAsync("汤山街道");
        var uscc = NewUscc();
        await cluster.AddNgoAccountsAsync(uscc);
        var receipts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.SubmitAsync(uscc, Proposal(250_000m), "double-click", "ngo")));
        Assert.All(receipts, r => Assert.Equal(receipts[0].Value, r.Value));
        Assert.Equal(1, await cluster.QueryAsync(db => db.TenderSubmissions.CountAsync(x => x.TenderId == info.Id)));
    }

    private static MeterListener BatchSizeListener(List<int> sizes)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "marketplace.group_commit.batch_size")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) =>
        {
            lock (sizes)
            {
                sizes.Add(value);
            }
        });
        listener.Start();
        return listener;
    }
}
