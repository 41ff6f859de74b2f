using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Grains.Infrastructure;
using Marketplace.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Marketplace.Tests.Grains.Tendering;

/// <summary>
/// Issue 15 scenario 3: a whole panel saving score sheets at once. The saves are group-committed in the tender
/// grain (TenderGrain.Scoring.cs): each acknowledged only after the write that carried it, every caller in the
/// audit trail, and nothing of a failed write kept.
/// </summary>
public sealed class TenderScoreGroupCommitTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private const int PanelSize = 9;

    private sealed record Review(ITenderGrain Tender, ImmutableArray<string> Applicants, ImmutableArray<PanelMember> Members);

    private static ImmutableDictionary<string, CriterionScore> Sheet(decimal plan) =>
        ImmutableDictionary<string, CriterionScore>.Empty.Add("plan", new(plan, null)).Add("team", new(15m, null)).Add("exp", new(8m, null));

    /// <summary>A closed tender with three applicants and a sitting panel of <see cref="PanelSize"/>, every member free of conflicts.</summary>
    private async Task<Review> UnderReviewAsync()
    {
        string[] usccs = [TenderTestData.NewUscc(), TenderTestData.NewUscc(), TenderTestData.NewUscc()];
        await cluster.AddNgoAccountsAsync(usccs);
        var (streetId, districtId, itemId) = await cluster.StreetWithItemAsync("东山街道");
        var field = "养老服务-" + Guid.NewGuid().ToString("N")[..6]; // other tests' experts stay out
        var pool = cluster.Grains.GetGrain<IExpertPoolGrain>(districtId);
        for (var i = 0; i < PanelSize; i++)
        {
            Assert.True((await pool.AddAsync(new ExpertDraft($"专家{i}", field, "南京某高校", null, $"e{i}-{field}", null, []))).Succeeded);
        }
        var tender = await cluster.ClosedTenderAsync(field, streetId, districtId, itemId, usccs);
        var panel = (await tender.RequestPanelAsync(PanelSize, "dongshan")).Value!;
        foreach (var m in panel.Members)
        {
            Assert.True((await tender.DeclareAsync(m.UserName!, conflict: false, null)).Succeeded);
        }
        return new Review(tender, [.. usccs], panel.Members);
    }

    /// <summary>Every member saves a sheet for every applicant, all at once, each call carrying its expert as the actor.</summary>
    private static Task<Outcome>[] SaveAllAtOnce(Review r, Func<int, int, decimal> plan) =>
    [
        .. r.Members.SelectMany((m, i) => r.Applicants.Select((uscc, a) => Task.Run(() =>
        {
            new AuditActor(m.UserName!, "Evaluator", null, null, "127.0.0.1").Enter();
            return r.Tender.ScoreAsync(m.UserName!, uscc, Sheet(plan(i, a)));
        }))),
    ];

    [Fact]
    public async Task A_panel_saving_at_once_is_stored_in_fewer_writes_than_saves_with_every_expert_in_the_audit_trail()
    {
        var r = await UnderReviewAsync();
        // The first save's write is held until every other save has entered the grain and queued behind it, as a
        // panel's saves do under load. (Waiting until the client had sent them was not enough: on a slow machine
        // each reached the grain after the write before it had finished and went alone.)
        var tenderId = r.Tender.GetGrainId();
        var writesBefore = cluster.Failures.WritesOf(tenderId);
        var enteredBefore = cluster.Entered.Count(tenderId, nameof(ITenderGrain.ScoreAsync));
        var hold = cluster.Failures.HoldNextWrite(tenderId);
        var saves = SaveAllAtOnce(r, (i, a) => 25m + i + a);
        await hold.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => cluster.Entered.Count(tenderId, nameof(ITenderGrain.ScoreAsync)) - enteredBefore == saves.Length);
        hold.Release.SetResult(false);
        await Task.WhenAll(saves);
        var writes = cluster.Failures.WritesOf(tenderId) - writesBefore;
        Assert.All(saves, s => Assert.True(s.Result.Succeeded, string.Join("; ", s.Result.Errors.Select(e => e.Message))));

        // What an acknowledgement promised is in storage: a fresh activation reads it back.
        await cluster.RestartPrimaryAsync();
        for (var i = 0; i < r.Members.Length; i++)
        {
            var mine = await r.Tender.GetExpertScoresAsync(r.Members[i].UserName!);
            Assert.Equal(r.Applicants.Select((_, a) => 25m + i + a), r.Applicants.Select(u => mine[u]["plan"].Points));
        }

        // One audit entry per save, each naming its own expert; fewer state writes than saves.
        var key = r.Tender.GetPrimaryKey().ToString("N");
        var entries = await cluster.QueryAsync(db => db.AuditEntries.Where(e => e.Action == "ITenderGrain.ScoreAsync" && e.Subject.EndsWith(key))
            .Select(e => new { e.UserName, e.At }).ToListAsync());
        Assert.Equal(saves.Length, entries.Count);
        Assert.All(r.Members, m => Assert.Equal(r.Applicants.Length, entries.Count(e => e.UserName == m.UserName)));
        output.WriteLine($"{saves.Length} saves by {r.Members.Length} experts at once: {writes} state writes");
        // The held write carried the first save; the other saves, all queued behind it, went out in one more.
        Assert.True(writes == 2, $"{writes} writes of the tender for {saves.Length} saves: not grouped");
    }

    [Fact]
    public async Task A_failed_group_write_fails_every_save_it_carried_and_keeps_none_of_them()
    {
        var r = await UnderReviewAsync();
        await Task.WhenAll(SaveAllAtOnce(r, (_, _) => 30m));

        cluster.Failures.FailNextWrite();
        var saves = SaveAllAtOnce(r, (i, a) => 24.5m + i + a);
        try
        {
            await Task.WhenAll(saves);
        }
        catch (Exception)
        {
            // the failed batch's callers see the storage's error; looked at one by one below
        }
        var failed = saves.Count(s => s.IsFaulted);
        Assert.All(saves.Where(s => !s.IsFaulted), s => Assert.True(s.Result.Succeeded));
        output.WriteLine($"{saves.Length} saves, {failed} failed with the one failed write");
        Assert.True(failed > 0, "the failed write was not one of the saves'");

        // Memory and storage agree: an acknowledged sheet is stored, a failed one is not (the earlier sheet stands).
        await cluster.RestartPrimaryAsync();
        var k = 0;
        for (var i = 0; i < r.Members.Length; i++)
        {
            var mine = await r.Tender.GetExpertScoresAsync(r.Members[i].UserName!);
            for (var a = 0; a < r.Applicants.Length; a++, k++)
            {
                Assert.Equal(saves[k].IsFaulted ? 30m : 24.5m + i + a, mine[r.Applicants[a]]["plan"].Points);
            }
        }
    }

    [Fact]
    public async Task A_save_after_scoring_closed_is_refused_and_a_sheet_over_the_maximum_never_queues()
    {
        var r = await UnderReviewAsync();
        var over = await r.Tender.ScoreAsync(r.Members[0].UserName!, r.Applicants[0], Sheet(41m));
        Assert.Equal("“服务方案”的得分应在0至40分之间", over.Errors[0].Message);
        await Task.WhenAll(SaveAllAtOnce(r, (_, _) => 30m));
        var top = (await r.Tender.GetEvaluationAsync()).Value.Single(a => a.Rank == 1).ApplicantId;
        Assert.True((await r.Tender.ConfirmAwardAsync(top, null, "dongshan")).Succeeded);

        var late = await Task.WhenAll(SaveAllAtOnce(r, (_, _) => 35m));
        Assert.All(late, o => Assert.Equal("评审已结束，不能再修改评分", o.Errors.Single().Message));
        foreach (var m in r.Members)
        {
            Assert.Equal(30m, (await r.Tender.GetExpertScoresAsync(m.UserName!))[r.Applicants[0]]["plan"].Points);
        }
    }

    /// <summary>
    /// An award asked for while a save is being written (saves interleave) waits for that write and decides on what
    /// it left. Here the write fails: had the award gone ahead, its own write would have stored the failed sheet, and
    /// the failed write's fallback would have dropped the award from memory while storage kept it.
    /// </summary>
    [Fact]
    public async Task An_award_asked_for_while_a_save_is_written_waits_for_it_and_a_failed_save_stays_unsaved()
    {
        var r = await UnderReviewAsync();
        await Task.WhenAll(SaveAllAtOnce(r, (_, _) => 30m));
        var top = (await r.Tender.GetEvaluationAsync()).Value.Single(a => a.Rank == 1).ApplicantId;
        var expert = r.Members[0].UserName!;

        var hold = cluster.Failures.HoldNextWrite(r.Tender.GetGrainId());
        var save = r.Tender.ScoreAsync(expert, top, Sheet(33m));
        await hold.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var award = r.Tender.ConfirmAwardAsync(top, null, "dongshan");
        // Room for an award that does not wait to finish first; one that waits is released below either way.
        await Task.WhenAny(award, Task.Delay(TimeSpan.FromMilliseconds(500)));
        hold.Release.SetResult(true);
        await Assert.ThrowsAnyAsync<Exception>(() => save);
        var awarded = await award;
        Assert.True(awarded.Succeeded, string.Join("; ", awarded.Errors.Select(e => e.Message)));

        Assert.Equal(TenderStatus.Publicity, (await r.Tender.GetInfoAsync())!.Status);
        Assert.Equal(30m, (await r.Tender.GetExpertScoresAsync(expert))[top]["plan"].Points);
        await cluster.RestartPrimaryAsync();
        Assert.Equal(TenderStatus.Publicity, (await r.Tender.GetInfoAsync())!.Status);
        Assert.Equal(30m, (await r.Tender.GetExpertScoresAsync(expert))[top]["plan"].Points);
    }

    /// <summary>Yields until <paramref name="done"/> holds, for at most 30 s.</summary>
    private static async Task WaitUntilAsync(Func<bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < until, "the saves had not all reached the grain within 30 s");
            await Task.Yield();
        }
    }
}
