using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Grains.Infrastructure;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Tests.Grains.Tendering.TenderTestData;

namespace Marketplace.Tests.Grains.Tendering;

public sealed class TenderGrainTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static string Uscc() => TenderTestData.NewUscc();

    [Fact]
    public async Task A_submission_one_second_after_the_deadline_is_refused_even_before_the_closing_job_ran()
    {
        var (grain, info) = await cluster.PublishedTenderAsync("东山街道");
        var uscc = Uscc();
        await cluster.AddNgoAccountsAsync(uscc);
        Assert.True((await grain.SubmitAsync(uscc, Proposal(280_000m), "k1", "ngo")).Succeeded);

        cluster.Clock.Advance(info.Notice.Deadline - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));

        var late = await grain.SubmitAsync(uscc, Proposal(270_000m), "k2", "ngo");
        Assert.False(late.Succeeded);
        Assert.Equal("报名已截止", late.Errors[0].Message);
        Assert.False((await grain.WithdrawAsync(uscc, "ngo")).Succeeded);
        Assert.Equal(TenderStatus.Published, (await grain.GetInfoAsync())!.Status); // the job has not run
        Assert.Equal(280_000m, (await grain.GetOwnApplicationAsync(uscc))!.Proposal.Price.Yuan);
    }

    [Fact]
    public async Task Closing_before_the_deadline_does_nothing_and_closing_twice_changes_nothing_and_applicants_keep_their_directory_names()
    {
        var (grain, info) = await cluster.PublishedTenderAsync("秣陵街道");
        var usccs = new[] { Uscc(), Uscc(), Uscc() };
        await cluster.AddNgoAccountsAsync(usccs);
        foreach (var (u, i) in usccs.Select((u, i) => (u, i)))
        {
            Assert.True((await grain.SubmitAsync(u, Proposal(200_000m + i), $"k{i}", "ngo")).Succeeded);
        }
        Assert.Equal(TenderStatus.Published, (await grain.CloseAsync()).Value!.Status);

        cluster.Clock.Advance(info.Notice.Deadline - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        var first = (await grain.CloseAsync()).Value!;
        var row1 = await cluster.QueryAsync(db => db.Tenders.AsNoTracking().SingleAsync(t => t.Id == info.Id));
        var second = (await grain.CloseAsync()).Value!;
        var row2 = await cluster.QueryAsync(db => db.Tenders.AsNoTracking().SingleAsync(t => t.Id == info.Id));

        Assert.Equal(TenderStatus.Closed, first.Status);
        Assert.Equal((first.Status, first.Version, first.ClosedAt), (second.Status, second.Version, second.ClosedAt));
        Assert.Equal(row1.Version, row2.Version);
        Assert.Equal(row1.ClosedAt, row2.ClosedAt);
        // The caller passes no name: the tender takes it from the organization's answer to its eligibility question.
        var names = (await grain.GetApplicantsAsync()).Value.Select(a => (a.Uscc, a.OrganizationName)).OrderBy(a => a.Uscc);
        Assert.Equal(usccs.Order().Select(u => (u, "江宁区社会工作服务中心" + u[^4..])), names);
        // The deadline was recorded as scheduled work when the notice was published.
        var work = await cluster.QueryAsync(db => db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Kind == ITenderTimers.CloseKind && w.SubjectId == info.Id.ToString()));
        Assert.Equal(info.Notice.Deadline, work.DueAt, TimeSpan.FromMilliseconds(1)); // SQLite keeps milliseconds
    }

    [Fact]
    public async Task Submitting_twice_with_the_same_idempotency_key_stores_one_application()
    {
        var (grain, _) = await cluster.PublishedTenderAsync("淳化街道");
        var uscc = Uscc();
        await cluster.AddNgoAccountsAsync(uscc);
        var results = await Task.WhenAll(
            grain.SubmitAsync(uscc, Proposal(250_000m), "same-key", "ngo"),
            grain.SubmitAsync(uscc, Proposal(250_000m), "same-key", "ngo"));
        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(results[0].Value, results[1].Value);
        Assert.Equal(1, (await grain.GetOwnApplicationAsync(uscc))!.Revision);
    }

    [Fact]
    public async Task Applicants_revise_and_withdraw_until_the_deadline_and_the_last_version_counts()
    {
        var (grain, _) = await cluster.PublishedTenderAsync("汤山街道");
        var uscc = Uscc();
        await cluster.AddNgoAccountsAsync(uscc);
        await grain.SubmitAsync(uscc, Proposal(250_000m), "a", "ngo");
        await grain.SubmitAsync(uscc, Proposal(240_000m), "b", "ngo");
        var own = (await grain.GetOwnApplicationAsync(uscc))!;
        Assert.Equal((2, 240_000m, false), (own.Revision, own.Proposal.Price.Yuan, own.Withdrawn));
        Assert.True((await grain.WithdrawAsync(uscc, "ngo")).Succeeded);
        Assert.True((await grain.GetOwnApplicationAsync(uscc))!.Withdrawn);
        Assert.True((await grain.SubmitAsync(uscc, Proposal(230_000m), "c", "ngo")).Succeeded);
        own = (await grain.GetOwnApplicationAsync(uscc))!;
        Assert.Equal((3, 230_000m, false), (own.Revision, own.Proposal.Price.Yuan, own.Withdrawn));
    }

    [Theory]
    [InlineData(-1, "报价必须大于0")]
    [InlineData(300_000.01, "报价不能超过最高限价¥300,000.00")]
    public async Task Negative_and_over_ceiling_prices_are_refused_and_nothing_is_stored(decimal price, string message)
    {
        var (grain, _) = await cluster.PublishedTenderAsync("湖熟街道");
        var uscc = Uscc();
        await cluster.AddNgoAccountsAsync(uscc);
        var result = await grain.SubmitAsync(uscc, Proposal(price), "x", "ngo");
        Assert.Equal(message, Assert.Single(result.Errors).Message);
        Assert.Null(await grain.GetOwnApplicationAsync(uscc));
    }

    [Fact]
    public async Task An_organization_outside_the_directory_is_not_eligible()
    {
        var (grain, _) = await cluster.PublishedTenderAsync("横溪街道");
        var result = await grain.SubmitAsync(Uscc(), Proposal(100_000m), "x", "ngo");
        Assert.Equal("该组织尚未登记进入社会组织目录，不能申请", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task A_suspended_organization_cannot_apply()
    {
        var (grain, _) = await cluster.PublishedTenderAsync("横溪街道");
        var uscc = Uscc();
        await cluster.AddNgoAccountsAsync(uscc);
        Assert.True((await cluster.Grains.GetGrain<Marketplace.Organizations.IOrganizationGrain>(uscc)
            .ChangeStatusAsync(Marketplace.Organizations.DirectoryStatus.Suspended, "年检未通过", "admin")).Succeeded);
        var result = await grain.SubmitAsync(uscc, Proposal(100_000m), "x", "ngo");
        Assert.False(result.Succeeded);
        Assert.Null(await grain.GetOwnApplicationAsync(uscc));
    }

    [Fact]
    public async Task A_notice_without_the_money_behind_it_is_not_published()
    {
        var (streetId, districtId, itemId) = await cluster.StreetWithItemAsync("麒麟街道");
        var now = cluster.Clock.GetUtcNow();
        // No budget for 麒麟街道 in the service year: the ledger refuses the split.
        var notice = TenderRulesTests.Notice(now.AddMinutes(-1)) with { TransferItemId = itemId, Deadline = now.AddHours(1) };
        var grain = cluster.Grains.GetGrain<ITenderGrain>(Guid.NewGuid());
        var created = await grain.CreateAsync(streetId, districtId, notice, "test");
        Assert.True(created.Succeeded);
        Assert.False((await grain.PublishAsync(created.Value!.Version, "test")).Succeeded);
    }

    [Fact]
    public async Task Before_the_deadline_applications_are_sealed_in_the_grain_and_leave_no_trace_in_read_models()
    {
        var (grain, info) = await cluster.PublishedTenderAsync("谷里街道");
        var usccs = new[] { Uscc(), Uscc() };
        await cluster.AddNgoAccountsAsync(usccs);
        await grain.SubmitAsync(usccs[0], Proposal(250_000m), "a", "ngo");
        await grain.SubmitAsync(usccs[1], Proposal(260_000m), "b", "ngo");

        var applicants = await grain.GetApplicantsAsync();
        Assert.False(applicants.Succeeded);
        Assert.Equal("报名截止前申请处于密封状态", applicants.Errors[0].Message);
        Assert.True((await grain.GetApplicationsForExpertAsync("expert.zhao")).Errors.Length > 0);
        Assert.False((await grain.GetEvaluationAsync()).Succeeded);
        Assert.Empty(await grain.GetPublishedResultsAsync());

        // Read models: nothing that names an applicant, nor a count, nor anything addressed to the street.
        Assert.Equal(0, await cluster.QueryAsync(db => db.TenderResults.CountAsync(r => r.TenderId == info.Id)));
        var notes = await cluster.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.TenderId == info.Id).ToListAsync());
        Assert.DoesNotContain(notes, n => !n.Recipient.StartsWith("org:", StringComparison.Ordinal) && n.Recipient != "district-ngos:" + info.DistrictId);
        Assert.All(notes.Where(n => n.Recipient.StartsWith("org:", StringComparison.Ordinal)), n => Assert.Contains(n.Recipient[4..], usccs));
        var row = await cluster.QueryAsync(db => db.Tenders.AsNoTracking().SingleAsync(t => t.Id == info.Id));
        Assert.Equal(info.Version, row.Version); // submissions do not even touch the public row's version
    }

    [Fact]
    public async Task Changing_a_published_notice_within_three_days_extends_the_deadline_and_tells_applicants()
    {
        var (grain, info) = await cluster.PublishedTenderAsync("江宁街道", TimeSpan.FromDays(2));
        var uscc = Uscc();
        await cluster.AddNgoAccountsAsync(uscc);
        await grain.SubmitAsync(uscc, Proposal(250_000m), "a", "ngo");

        var changed = await grain.UpdateNoticeAsync(info.Version, info.Notice with { Requirements = "每周两次上门探访" }, "dongshan");

        Assert.True(changed.Succeeded);
        var now = cluster.Clock.GetUtcNow();
        Assert.InRange(changed.Value!.Notice.Deadline, now.AddDays(3).AddMinutes(-1), now.AddDays(3));
        var work = await cluster.QueryAsync(db => db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Kind == ITenderTimers.CloseKind && w.SubjectId == info.Id.ToString()));
        Assert.Equal(changed.Value.Notice.Deadline, work.DueAt, TimeSpan.FromMilliseconds(1)); // SQLite keeps milliseconds
        Assert.True(await cluster.QueryAsync(db => db.Notifications.AnyAsync(n => n.TenderId == info.Id && n.Recipient == "org:" + uscc && n.Text.Contains("延长"))));
    }

    [Fact]
    public async Task Fewer_than_the_minimum_valid_applications_fails_the_purchase_at_the_deadline()
    {
        var (grain, info) = await cluster.PublishedTenderAsync("禄口街道");
        var usccs = new[] { Uscc(), Uscc(), Uscc() };
        await cluster.AddNgoAccountsAsync(usccs);
        await grain.SubmitAsync(usccs[0], Proposal(250_000m), "a", "ngo");
        await grain.SubmitAsync(usccs[1], Proposal(260_000m), "b", "ngo");
        await grain.SubmitAsync(usccs[2], Proposal(260_000m) with { Documents = ["服务方案"] }, "c", "ngo"); // a document missing

        cluster.Clock.Advance(info.Notice.Deadline - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        var closed = (await grain.CloseAsync()).Value!;

        Assert.Equal(TenderStatus.Failed, closed.Status);
        Assert.Equal("有效申请2家，少于最少3家，采购失败", closed.EndReason);
        var applicants = (await grain.GetApplicantsAsync()).Value;
        Assert.Equal("缺少必需材料：持证社工名单", applicants.Single(a => a.Uscc == usccs[2]).InvalidReason);

        // The purchase can be run again as a new draft with a fresh window of the same length.
        var rerun = await grain.RerunAsync(Guid.NewGuid(), "dongshan");
        Assert.True(rerun.Succeeded);
        Assert.Equal((TenderStatus.Draft, info.Notice.Title), (rerun.Value!.Status, rerun.Value.Notice.Title));
        Assert.Equal(info.Notice.Deadline - info.Notice.OpensAt, rerun.Value.Notice.Deadline - rerun.Value.Notice.OpensAt);
        Assert.True(rerun.Value.Notice.Deadline > cluster.Clock.GetUtcNow());
        Assert.Equal(rerun.Value.Id, (await grain.GetInfoAsync())!.RerunAs);
        Assert.Equal("该项目已重新采购", (await grain.RerunAsync(Guid.NewGuid(), "dongshan")).Errors[0].Message);
    }
}
