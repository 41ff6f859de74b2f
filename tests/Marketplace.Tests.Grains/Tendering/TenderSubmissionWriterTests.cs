using System.Collections.Immutable;
using System.Text.Json;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Grains.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Tendering;
using Marketplace.Web.Infrastructure.GrainStorage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Tests.Grains.Tendering.TenderTestData;

namespace Marketplace.Tests.Grains.Tendering;

/// <summary>The silo's submission-log writer on a real SQLite file, and tenders stored before the log existed.</summary>
public sealed class TenderSubmissionWriterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private TenderSubmissionLog NewLog() => new(cluster.Services.GetRequiredService<IDbContextFactory<AppDbContext>>());

    private static SubmissionEntry Entry(long sequence, string uscc, string key) => new(sequence,
        new TenderApplication(uscc, "乐家社会工作服务中心", Proposal(123_456.78m), 1, new DateTimeOffset(2026, 11, 22, 9, 30, 15, TimeSpan.FromHours(8)), false, "ngo.lejia"),
        key, new TenderNotification(Guid.CreateVersion7(), Recipient.Organization(uscc), "已收到您的申请（第1版）", DateTimeOffset.UtcNow));

    [Fact]
    public async Task Entries_and_their_receipts_are_stored_exactly_and_read_back_in_order()
    {
        await using var log = NewLog();
        var tender = Guid.NewGuid();
        var uscc = NewUscc();
        await log.AppendAsync(tender, [Entry(0, uscc, "k0"), Entry(1, uscc, "k1")]);
        await log.AppendAsync(tender, [Entry(2, uscc, "k2")]);

        var read = await log.ReadAsync(tender);
        Assert.Equal([0L, 1L, 2L], read.Select(e => e.Sequence));
        Assert.Equal(["k0", "k1", "k2"], read.Select(e => e.IdempotencyKey));
        var first = read[0].Application;
        Assert.Equal((uscc, 123_456.78m, "ngo.lejia"), (first.Uscc, first.Proposal.Price.Yuan, first.SubmittedBy));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 1, 30, 15, TimeSpan.Zero), first.SubmittedAt);
        Assert.Equal(["服务方案", "持证社工名单"], first.Proposal.Documents.ToArray());
        Assert.Equal(3, await cluster.QueryAsync(db => db.Notifications.CountAsync(n => n.TenderId == tender && n.Recipient == "org:" + uscc)));
    }

    [Fact]
    public async Task A_refused_batch_fails_alone_and_another_tenders_batch_is_stored()
    {
        await using var log = NewLog();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await log.AppendAsync(a, [Entry(0, NewUscc(), "a0")]);

        // A second writer of tender a at the same position (a split cluster), beside an unrelated tender.
        var conflicting = log.AppendAsync(a, [Entry(0, NewUscc(), "a0-again")]);
        var unrelated = log.AppendAsync(b, [Entry(0, NewUscc(), "b0")]);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => conflicting);
        await unrelated;
        Assert.Equal(["a0"], (await log.ReadAsync(a)).Select(e => e.IdempotencyKey));
        Assert.Equal(["b0"], (await log.ReadAsync(b)).Select(e => e.IdempotencyKey));
        Assert.Equal(1, await cluster.QueryAsync(db => db.Notifications.CountAsync(n => n.TenderId == a))); // nor its receipt
    }

    [Fact]
    public async Task A_tender_stored_with_its_applications_in_its_document_keeps_them()
    {
        var (grain, info) = await cluster.PublishedTenderAsync("东山街道", minimum: 1);
        var (old, newer) = (NewUscc(), NewUscc());
        await cluster.AddNgoAccountsAsync(old, newer);
        await Deactivate();
        // The document as it was written before the submission log: applications inside it.
        var application = new TenderApplication(old, "老申请单位", Proposal(250_000m), 1, cluster.Clock.GetUtcNow(), false, "ngo");
        await cluster.QueryAsync(async db =>
        {
            var row = await db.GrainStates.SingleAsync(g => g.StateName == "tender" && g.GrainId.Contains(info.Id.ToString("N")));
            var state = JsonSerializer.Deserialize<TenderState>(row.Document, EfGrainStorage.Json)!;
            row.Document = JsonSerializer.Serialize(state with
            {
                Applications = ImmutableDictionary<string, TenderApplication>.Empty.Add(old, application),
                SubmitKeys = ImmutableDictionary<string, ApplicationReceipt>.Empty.Add("old-key", new(old, 1, application.SubmittedAt)),
            }, EfGrainStorage.Json);
            return await db.SaveChangesAsync();
        });

        Assert.Equal(250_000m, (await grain.GetOwnApplicationAsync(old))!.Proposal.Price.Yuan);
        Assert.Equal(1, (await grain.SubmitAsync(old, Proposal(240_000m), "old-key", "ngo")).Value!.Revision); // a retry
        Assert.Equal(2, (await grain.SubmitAsync(old, Proposal(240_000m), "new-key", "ngo")).Value!.Revision);
        Assert.True((await grain.SubmitAsync(newer, Proposal(230_000m), "n", "ngo")).Succeeded);

        cluster.Clock.Advance(info.Notice.Deadline - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        Assert.Equal(TenderStatus.Closed, (await grain.CloseAsync()).Value!.Status);
        Assert.Equal(new[] { newer, old }.Order(), (await grain.GetApplicantsAsync()).Value.Select(a => a.Uscc).Order());
        Assert.Equal(240_000m, (await grain.GetOwnApplicationAsync(old))!.Proposal.Price.Yuan);
    }

    private async Task Deactivate()
    {
        await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await cluster.Cluster.WaitForLivenessToStabilizeAsync();
    }
}
