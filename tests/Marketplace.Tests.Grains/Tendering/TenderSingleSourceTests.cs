using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Tendering;
using Marketplace.Tests.Grains.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Grains.Tendering;

/// <summary>
/// A failed purchase switched to single-source (单一来源, 财政部74号令 Art.38–40): who may switch it, what
/// must be recorded, and the 公示 that follows with objections from any organization of the district.
/// </summary>
public sealed class TenderSingleSourceTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Reason = "该服务需与辖区既有居家养老信息平台衔接，只能从唯一供应商处采购";

    private static Money Yuan(decimal amount) => Money.FromYuan(amount);

    /// <summary>A published notice (ceiling 300,000, at least 3 valid applications) with one applicant, closed at its deadline: failed.</summary>
    private async Task<(ITenderGrain Grain, TenderInfo Info, string Applicant)> FailedAsync(string street)
    {
        var (streetId, districtId, itemId) = await cluster.StreetWithItemAsync(street);
        var now = cluster.Clock.GetUtcNow();
        var notice = TenderRulesTests.Notice(now.AddMinutes(-1)) with { TransferItemId = itemId, Deadline = now.AddHours(1) };
        await cluster.FundedAsync(streetId, notice.ServiceStart.Year);
        var grain = cluster.Grains.GetGrain<ITenderGrain>(Guid.NewGuid());
        var created = (await grain.CreateAsync(streetId, districtId, notice, "dongshan")).Value!;
        Assert.True((await grain.PublishAsync(created.Version, "dongshan")).Succeeded);
        var applicant = TenderTestData.NewUscc();
        await cluster.AddNgoAccountsAsync(applicant);
        var proposal = new ApplicationProposal(Yuan(280_000m), "每周一次上门探访", "持证社工3名", 3, "三年居家养老项目", ["服务方案", "持证社工名单"]);
        Assert.True((await grain.SubmitAsync(applicant, proposal, "k", "ngo")).Succeeded);
        cluster.Clock.Advance(notice.Deadline - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        var failed = (await grain.CloseAsync()).Value!;
        Assert.Equal(TenderStatus.Failed, failed.Status);
        return (grain, failed, applicant);
    }

    /// <summary>A 江宁区 directory organization (已入库, 3 certified social workers) that did not apply.</summary>
    private async Task<string> DirectoryOrganizationAsync()
    {
        var uscc = TenderTestData.NewUscc();
        await cluster.AddNgoAccountsAsync(uscc);
        return uscc;
    }

    [Fact]
    public void A_failed_tender_may_move_into_publicity_and_nowhere_else_new()
    {
        Assert.True(TenderRules.CanMove(TenderStatus.Failed, TenderStatus.Publicity));
        Assert.False(TenderRules.CanMove(TenderStatus.Failed, TenderStatus.ReadyForContract));
        Assert.False(TenderRules.CanMove(TenderStatus.Failed, TenderStatus.Published));
        Assert.False(TenderRules.CanMove(TenderStatus.Closed, TenderStatus.Publicity));
    }

    [Fact]
    public async Task A_failed_tender_switched_to_single_source_is_publicised_with_the_recorded_reason()
    {
        var (grain, failed, applicant) = await FailedAsync("东山街道");
        var chosen = await DirectoryOrganizationAsync();
        var budget = cluster.Grains.GetStreetBudget(failed.StreetId, failed.Notice.ServiceStart.Year);
        var reference = new DocumentRef(DocumentTypes.Tender, failed.Id.ToString("N"));
        Assert.All(await budget.GetEncumbranceAsync(reference), h => Assert.True(h.Amount.IsZero)); // the failure freed the notice's money

        var result = await grain.SwitchToSingleSourceAsync(chosen, Yuan(260_000m), "  " + Reason + "\n", "dongshan");

        Assert.True(result.Succeeded, result.Errors.IsDefaultOrEmpty ? "" : result.Errors[0].Message);
        var now = cluster.Clock.GetUtcNow();
        var info = (await grain.GetInfoAsync())!;
        Assert.Equal(TenderStatus.Publicity, info.Status);
        Assert.Equal(failed.Version + 1, info.Version);
        var record = info.SingleSource!;
        Assert.Equal((chosen, "江宁区社会工作服务中心" + chosen[^4..], 260_000m, Reason, "dongshan"),
            (record.Uscc, record.OrganizationName, record.Price.Yuan, record.Reason, record.DecidedBy));
        Assert.InRange(record.DecidedAt, now.AddMinutes(-1), now);
        var award = info.Award!;
        Assert.Equal((chosen, 260_000m, (string?)null), (award.Uscc, award.Price.Yuan, award.NotTopReason));
        // 5 working days on the district's calendar, ending at 24:00 China time of the last one.
        Assert.Equal((ChineseWorkCalendar.Official.Period(record.DecidedAt, 5).EndsAt, 5), (award.PublicityEndsAt, award.PublicityWorkingDays));
        // The negotiated price is held anew, in the notice's 2:1 split of 财政资金 and 街道专项基金.
        var held = (await budget.GetEncumbranceAsync(reference)).ToDictionary(h => h.Source, h => h.Amount);
        Assert.Equal((Yuan(173_333.33m), Yuan(86_666.67m)), (held[FundingSource.Fiscal], held[FundingSource.StreetNgoFund]));
        Assert.Empty(await budget.CheckAsync());
        // A single-source award has no ranking to publish.
        Assert.Empty(await grain.GetPublishedResultsAsync());

        var row = await cluster.QueryAsync(db => db.Tenders.AsNoTracking().SingleAsync(t => t.Id == failed.Id));
        Assert.Equal((TenderStatus.Publicity, Reason, chosen, (Money?)Yuan(260_000m)), (row.Status, row.SingleSourceReason, row.AwardedUscc, row.AwardedPrice));
        Assert.False(await cluster.QueryAsync(db => db.TenderResults.AnyAsync(r => r.TenderId == failed.Id)));
        var recipients = await cluster.QueryAsync(db => db.Notifications.Where(n => n.TenderId == failed.Id && n.Text.Contains("单一来源")).Select(n => n.Recipient).ToListAsync());
        Assert.Equal(new[] { "org:" + applicant, "org:" + chosen, "street:" + failed.StreetId, "district-ngos:" + failed.DistrictId }.Order(), recipients.Order());
        var work = await cluster.QueryAsync(db => db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Kind == ITenderTimers.PublicityEndKind && w.SubjectId == failed.Id.ToString()));
        Assert.Equal(award.PublicityEndsAt, work.DueAt, TimeSpan.FromMilliseconds(1)); // SQLite keeps milliseconds
    }

    [Fact]
    public async Task A_tender_that_has_not_failed_cannot_be_switched()
    {
        var (streetId, districtId, itemId) = await cluster.StreetWithItemAsync("秣陵街道");
        var now = cluster.Clock.GetUtcNow();
        var notice = TenderRulesTests.Notice(now.AddMinutes(-1)) with { TransferItemId = itemId, Deadline = now.AddHours(1) };
        var grain = cluster.Grains.GetGrain<ITenderGrain>(Guid.NewGuid());
        Assert.True((await grain.CreateAsync(streetId, districtId, notice, "moling")).Succeeded);

        var result = await grain.SwitchToSingleSourceAsync(await DirectoryOrganizationAsync(), Yuan(200_000m), Reason, "moling");

        Assert.Equal("只有采购失败的项目可以转为单一来源采购", Assert.Single(result.Errors).Message);
        var info = (await grain.GetInfoAsync())!;
        Assert.Equal((TenderStatus.Draft, 1, (SingleSourceRecord?)null), (info.Status, info.Version, info.SingleSource));
    }

    [Fact]
    public async Task A_re_run_tender_cannot_be_switched()
    {
        var (grain, _, applicant) = await FailedAsync("淳化街道");
        Assert.True((await grain.RerunAsync(Guid.NewGuid(), "chunhua")).Succeeded);

        var result = await grain.SwitchToSingleSourceAsync(applicant, Yuan(200_000m), Reason, "chunhua");

        Assert.Equal("该项目已重新采购，不能再转为单一来源采购", Assert.Single(result.Errors).Message);
        var info = (await grain.GetInfoAsync())!;
        Assert.Equal((TenderStatus.Failed, (SingleSourceRecord?)null), (info.Status, info.SingleSource));
    }

    [Fact]
    public async Task A_switched_tender_can_be_neither_switched_again_nor_re_run()
    {
        var (grain, _, applicant) = await FailedAsync("汤山街道");
        Assert.True((await grain.SwitchToSingleSourceAsync(applicant, Yuan(250_000m), Reason, "tangshan")).Succeeded);
        var switched = (await grain.GetInfoAsync())!;

        var again = await grain.SwitchToSingleSourceAsync(await DirectoryOrganizationAsync(), Yuan(200_000m), "另一个理由：服务需要连续性，只能由原单位承接", "tangshan");
        var rerun = await grain.RerunAsync(Guid.NewGuid(), "tangshan");

        Assert.Equal("该项目已转为单一来源采购", Assert.Single(again.Errors).Message);
        Assert.Equal("该项目已转为单一来源采购，不能再重新采购", Assert.Single(rerun.Errors).Message);
        var info = (await grain.GetInfoAsync())!;
        Assert.Equal((switched.Version, applicant, (Guid?)null), (info.Version, info.SingleSource!.Uscc, info.RerunAs));
    }

    [Theory]
    [InlineData("300000.01", Reason, "Price", "成交价格不能超过最高限价¥300,000.00")]
    [InlineData("0", Reason, "Price", "成交价格必须大于0")]
    [InlineData("250000", "   ", "Reason", "请填写采用单一来源采购的理由")]
    [InlineData("250000", " 唯一供应商 ", "Reason", "单一来源采购理由至少10个字，请说明只能向该单位采购的原因")]
    public async Task A_bad_price_or_reason_is_refused_in_chinese_and_nothing_changes(string price, string reason, string field, string message)
    {
        var (grain, failed, applicant) = await FailedAsync("湖熟街道");

        var result = await grain.SwitchToSingleSourceAsync(applicant, Yuan(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)), reason, "hushu");

        var error = Assert.Single(result.Errors);
        Assert.Equal((field, message), (error.Field, error.Message));
        await AssertUnchangedAsync(grain, failed);
    }

    [Fact]
    public async Task A_reason_over_two_thousand_characters_is_refused()
    {
        var (grain, failed, applicant) = await FailedAsync("湖熟街道");
        var result = await grain.SwitchToSingleSourceAsync(applicant, Yuan(250_000m), new string('理', 2001), "hushu");
        Assert.Equal("单一来源采购理由不能超过2000字", Assert.Single(result.Errors).Message);
        await AssertUnchangedAsync(grain, failed);
    }

    [Fact]
    public async Task A_suspended_organization_cannot_be_the_single_source()
    {
        var (grain, failed, _) = await FailedAsync("横溪街道");
        var suspended = await DirectoryOrganizationAsync();
        Assert.True((await cluster.Grains.GetGrain<IOrganizationGrain>(suspended).ChangeStatusAsync(DirectoryStatus.Suspended, "年检未通过", "admin")).Succeeded);

        var result = await grain.SwitchToSingleSourceAsync(suspended, Yuan(250_000m), Reason, "hengxi");

        Assert.Equal("Uscc", Assert.Single(result.Errors).Field);
        Assert.False(result.Succeeded);
        await AssertUnchangedAsync(grain, failed);
    }

    [Fact]
    public async Task An_organization_outside_the_directory_cannot_be_the_single_source()
    {
        var (grain, failed, _) = await FailedAsync("谷里街道");

        var result = await grain.SwitchToSingleSourceAsync(TenderTestData.NewUscc(), Yuan(250_000m), Reason, "guli");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Uscc", "该组织尚未登记进入社会组织目录，不能申请"), (error.Field, error.Message));
        await AssertUnchangedAsync(grain, failed);
    }

    [Fact]
    public async Task A_district_organization_that_did_not_apply_may_object_and_publicity_ends_after_the_answer()
    {
        var (grain, failed, applicant) = await FailedAsync("禄口街道");
        Assert.True((await grain.SwitchToSingleSourceAsync(applicant, Yuan(280_000m), Reason, "lukou")).Succeeded);
        var bystander = await DirectoryOrganizationAsync();

        var outsider = await grain.FileObjectionAsync(TenderTestData.NewUscc(), "未在目录中的组织提出的质疑");
        var objection = await grain.FileObjectionAsync(bystander, "本单位同样具备与信息平台衔接的能力，不应采用单一来源");

        Assert.Equal("只有本区社会组织目录中的组织可以对单一来源采购提出质疑", Assert.Single(outsider.Errors).Message);
        Assert.True(objection.Succeeded, objection.Errors.IsDefaultOrEmpty ? "" : objection.Errors[0].Message);
        Assert.Equal(bystander, Assert.Single(await grain.GetObjectionsAsync()).Uscc);

        // Still within 公示: ending it now changes nothing; the answer does not end it early either.
        Assert.Equal(TenderStatus.Publicity, (await grain.EndPublicityAsync()).Value!.Status);
        Assert.True((await grain.AnswerObjectionAsync(objection.Value!.Id, "经核实，该平台接口仅向原建设单位开放", "lukou")).Succeeded);
        Assert.Equal(TenderStatus.Publicity, (await grain.GetInfoAsync())!.Status);

        var ends = (await grain.GetInfoAsync())!.Award!.PublicityEndsAt;
        cluster.Clock.Advance(ends - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        var ended = (await grain.EndPublicityAsync()).Value!;

        Assert.Equal(TenderStatus.ReadyForContract, ended.Status);
        Assert.Equal(applicant, ended.Award!.Uscc);
        Assert.True(await cluster.QueryAsync(db => db.Notifications.AnyAsync(n => n.TenderId == failed.Id && n.Recipient == "org:" + applicant && n.Text.Contains("公示期满"))));
    }

    private async Task AssertUnchangedAsync(ITenderGrain grain, TenderInfo failed)
    {
        var info = (await grain.GetInfoAsync())!;
        Assert.Equal((TenderStatus.Failed, failed.Version, (SingleSourceRecord?)null, (TenderAward?)null), (info.Status, info.Version, info.SingleSource, info.Award));
        var row = await cluster.QueryAsync(db => db.Tenders.AsNoTracking().SingleAsync(t => t.Id == failed.Id));
        Assert.Equal((TenderStatus.Failed, failed.Version, (string?)null), (row.Status, row.Version, row.SingleSourceReason));
    }
}
