using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Grains.Infrastructure;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Grains.Tendering;

/// <summary>
/// Notices stored before a notice carried its own list (the four fixed criteria plan / team / exp / price,
/// no descriptions) still read from their JSON documents and score exactly as they did.
/// </summary>
public sealed class OldShapeCriteriaTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static ImmutableDictionary<string, CriterionScore> Sheet(decimal plan, decimal team, decimal exp) =>
        ImmutableDictionary<string, CriterionScore>.Empty.Add("plan", new(plan, null)).Add("team", new(team, null)).Add("exp", new(exp, null));

    [Fact]
    public async Task A_stored_notice_with_the_four_fixed_criteria_and_no_descriptions_reads_and_scores_the_same()
    {
        string lejia = TenderTestData.NewUscc(), renai = TenderTestData.NewUscc();
        await cluster.AddNgoAccountsAsync(lejia, renai);
        var (streetId, districtId, itemId) = await cluster.StreetWithItemAsync("东山街道");
        // A pool of the tender's own: three experts with accounts, in a field no other test draws from.
        var field = "旧评分-" + Guid.NewGuid().ToString("N")[..6];
        var pool = cluster.Grains.GetGrain<IExpertPoolGrain>(districtId);
        foreach (var name in new[] { "甲", "乙", "丙" })
        {
            Assert.True((await pool.AddAsync(new ExpertDraft(name, field, "南京某高校", null, $"{name}-{field}", null, []))).Succeeded);
        }
        var now = cluster.Clock.GetUtcNow();
        var notice = TenderRulesTests.Notice(now.AddMinutes(-1)) with
        {
            TransferItemId = itemId, Deadline = now.AddHours(1), ExpertField = field, MinimumValidApplications = 2,
        };
        Assert.Equal(["plan", "team", "exp", "price"], notice.Criteria.Select(c => c.Code)); // the fixed four, 40 / 20 / 10 / 30
        await cluster.FundedAsync(streetId, notice.ServiceStart.Year);
        var tender = cluster.Grains.GetGrain<ITenderGrain>(Guid.NewGuid());
        var info = (await tender.CreateAsync(streetId, districtId, notice, "dongshan")).Value!;
        Assert.True((await tender.PublishAsync(info.Version, "dongshan")).Succeeded);
        await tender.SubmitAsync(lejia, TenderTestData.Proposal(280_000m), "l", "ngo");
        await tender.SubmitAsync(renai, TenderTestData.Proposal(250_000m), "r", "ngo");
        cluster.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await tender.CloseAsync();
        var panel = (await tender.RequestPanelAsync(3, "dongshan")).Value!;
        ImmutableDictionary<string, CriterionScore>[][] sheets =
        [
            [Sheet(36m, 18m, 9m), Sheet(30m, 15m, 8m)],
            [Sheet(35m, 17m, 8m), Sheet(32m, 16m, 7m)],
            [Sheet(34.5m, 18m, 9m), Sheet(31m, 15m, 8m)],
        ];
        for (var m = 0; m < 3; m++)
        {
            var user = panel.Members[m].UserName!;
            Assert.True((await tender.DeclareAsync(user, conflict: false, null)).Succeeded);
            Assert.True((await tender.ScoreAsync(user, lejia, sheets[m][0])).Succeeded);
            Assert.True((await tender.ScoreAsync(user, renai, sheets[m][1])).Succeeded);
        }
        var before = (await tender.GetEvaluationAsync()).Value;

        // The stored document as it was written before descriptions existed: no "Description" anywhere.
        var row = await cluster.QueryAsync(db => db.GrainStates.AsNoTracking().SingleAsync(g => g.StateName == "tender" && g.GrainId.Contains(info.Id.ToString("N"))));
        var document = JsonNode.Parse(row.Document)!;
        var criteria = document["Notice"]!["Criteria"]!.AsArray();
        foreach (var c in criteria)
        {
            Assert.True(c!.AsObject().Remove("Description"));
        }
        var old = document.ToJsonString();
        Assert.DoesNotContain("Description", old, StringComparison.Ordinal);
        var copy = Guid.NewGuid();
        await cluster.QueryAsync(async db =>
        {
            db.GrainStates.Add(new GrainStateRecord
            {
                StateName = "tender", GrainId = row.GrainId.Replace(info.Id.ToString("N"), copy.ToString("N"), StringComparison.Ordinal),
                Document = old, ETag = Guid.NewGuid().ToString("N"), UpdatedAt = row.UpdatedAt,
            });
            return await db.SaveChangesAsync();
        });

        var restored = cluster.Grains.GetGrain<ITenderGrain>(copy);
        var read = (await restored.GetInfoAsync())!;
        Assert.Equal(info.Notice.Criteria.Select(c => (c.Code, c.Name, c.Weight, c.IsPrice)), read.Notice.Criteria.Select(c => (c.Code, c.Name, c.Weight, c.IsPrice)));
        Assert.All(read.Notice.Criteria, c => Assert.Null(c.Description));
        var after = (await restored.GetEvaluationAsync()).Value;
        // The same published parts as the fixed four always gave: 乐家 26.79 + 35.17 + 17.67 + 8.67 = 88.30; 仁爱 30 + 31 + 15.33 + 7.67 = 84.00.
        var byApplicant = after.ToDictionary(r => r.ApplicantId);
        Assert.Equal((88.30m, 1, 26.79m), (byApplicant[lejia].Total!.Value, byApplicant[lejia].Rank!.Value, byApplicant[lejia].PriceScore!.Value));
        Assert.Equal((84.00m, 2), (byApplicant[renai].Total!.Value, byApplicant[renai].Rank!.Value));
        Assert.Equal([35.17m, 17.67m, 8.67m], new[] { "plan", "team", "exp" }.Select(c => byApplicant[lejia].CriterionScores[c]));
        Assert.Equal(before.Select(r => (r.ApplicantId, r.Total, r.Rank, r.PriceScore)), after.Select(r => (r.ApplicantId, r.Total, r.Rank, r.PriceScore)));
    }
}
