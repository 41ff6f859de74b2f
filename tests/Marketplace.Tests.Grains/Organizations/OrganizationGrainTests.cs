using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Tests.Grains.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Grains.Organizations;

public sealed class OrganizationGrainTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private async Task<OrganizationProfile> ProfileAsync(string name, ProviderType type = ProviderType.SocialWorkAgency, int socialWorkers = 4)
    {
        var districtId = await cluster.QueryAsync(db => db.Districts.Where(d => d.Name == "江宁区").Select(d => d.Id).SingleAsync());
        return new OrganizationProfile
        {
            Name = name, Type = type, RegistrationAuthority = "南京市江宁区民政局", RegisteredOn = new(2018, 6, 28),
            LegalRepresentative = "周敏", ContactPerson = "高翔", ContactPhone = "025-52122716", Address = "南京市江宁区秣陵街道",
            DistrictId = districtId, ServiceAreaCodes = ["family", "elderly"], StaffCount = 12, SocialWorkers = new(socialWorkers, 0, 0),
        };
    }

    [Fact]
    public async Task Registration_creates_an_application_and_the_same_code_cannot_register_twice()
    {
        var code = TestCodes.New();
        var grain = cluster.Grains.GetGrain<IOrganizationGrain>(code);
        var first = await grain.RegisterAsync(await ProfileAsync("同心社工"), "ngo1");
        Assert.True(first.Succeeded);
        Assert.Equal(DirectoryStatus.Applying, first.Value!.Status);

        var second = await grain.RegisterAsync(await ProfileAsync("冒名社工"), "ngo2");
        Assert.False(second.Succeeded);
        Assert.Contains("已登记", second.Errors[0].Message);
        Assert.Equal("同心社工", (await grain.GetAsync())!.Profile!.Name);
        var row = await cluster.QueryAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Uscc == code));
        Assert.Equal("同心社工", row.Name);
        Assert.Equal(DirectoryStatus.Applying, row.Status);
        Assert.Equal(",family,elderly,", row.ServiceAreas);
    }

    [Fact]
    public async Task Code_prefix_must_match_the_declared_type()
    {
        var grain = cluster.Grains.GetGrain<IOrganizationGrain>(TestCodes.New("91"));
        var result = await grain.RegisterAsync(await ProfileAsync("某社工机构"), "ngo");
        Assert.Contains(result.Errors, e => e.Field == "Uscc" && e.Message.Contains("社工机构"));
        Assert.Null(await grain.GetAsync());
    }

    [Fact]
    public async Task Review_moves_keep_who_when_and_why_and_require_a_reason_to_return_suspend_or_remove()
    {
        var code = TestCodes.New();
        var grain = cluster.Grains.GetGrain<IOrganizationGrain>(code);
        await grain.RegisterAsync(await ProfileAsync("秣陵邻里"), "ngo");

        var noReason = await grain.ChangeStatusAsync(DirectoryStatus.Returned, " ", "admin.jiangning");
        Assert.Equal("请填写退回原因", Assert.Single(noReason.Errors).Message);
        Assert.True((await grain.ChangeStatusAsync(DirectoryStatus.Returned, "缺少审计报告", "admin.jiangning")).Succeeded);
        Assert.False((await grain.ChangeStatusAsync(DirectoryStatus.Admitted, null, "admin.jiangning")).Succeeded);
        Assert.True((await grain.ChangeStatusAsync(DirectoryStatus.Applying, "已补交审计报告", "ngo")).Succeeded);
        Assert.True((await grain.ChangeStatusAsync(DirectoryStatus.Admitted, null, "admin.jiangning")).Succeeded);
        Assert.True((await grain.ChangeStatusAsync(DirectoryStatus.Suspended, "年检未通过", "admin.jiangning")).Succeeded);

        var state = (await grain.GetAsync())!;
        Assert.Equal(DirectoryStatus.Suspended, state.Status);
        Assert.Equal(
            [(null, DirectoryStatus.Applying), (DirectoryStatus.Applying, DirectoryStatus.Returned), (DirectoryStatus.Returned, DirectoryStatus.Applying),
             (DirectoryStatus.Applying, DirectoryStatus.Admitted), (DirectoryStatus.Admitted, DirectoryStatus.Suspended)],
            state.History.Select(h => (h.From, h.To)).ToArray());
        Assert.Equal(("年检未通过", "admin.jiangning"), (state.History[^1].Reason, state.History[^1].By));
        var history = await cluster.QueryAsync(db => db.OrganizationStatusChanges.AsNoTracking().Where(h => h.Uscc == code).OrderBy(h => h.Sequence).ToListAsync());
        Assert.Equal(5, history.Count);
        Assert.Equal("缺少审计报告", history[1].Reason);
    }

    [Fact]
    public async Task Suspension_and_active_negative_entry_fail_eligibility()
    {
        var code = TestCodes.New();
        var grain = cluster.Grains.GetGrain<IOrganizationGrain>(code);
        await grain.RegisterAsync(await ProfileAsync("东山益邻"), "ngo");
        var eligibility = new OrganizationEligibility(cluster.Grains);
        var now = DateTimeOffset.UtcNow;

        Assert.Contains("申请中", (await eligibility.CheckAsync(code, [], 0, now)).Errors[0].Message);
        await grain.ChangeStatusAsync(DirectoryStatus.Admitted, null, "admin");
        Assert.True((await eligibility.CheckAsync(code.ToLowerInvariant(), [ProviderType.SocialWorkAgency], 4, now)).Succeeded);

        var today = ChinaTime.Day(now);
        var entry = await grain.AddNegativeEntryAsync(
            new NegativeEntryDraft(NegativeSource.EvaluationFailure, "末期评估不合格", today, today.AddYears(1), true, "contract-42"), "system");
        Assert.True(entry.Succeeded);
        var again = await grain.AddNegativeEntryAsync(
            new NegativeEntryDraft(NegativeSource.EvaluationFailure, "末期评估不合格", today, today.AddYears(1), true, "contract-42"), "system");
        Assert.Equal(entry.Value!.Id, again.Value!.Id);
        var barred = await eligibility.CheckAsync(code, [], 0, now);
        Assert.Contains("负面信息", Assert.Single(barred.Errors).Message);
        Assert.True((await eligibility.CheckAsync(code, [], 0, now.AddYears(1).AddDays(2))).Succeeded);

        await grain.RevokeNegativeEntryAsync(entry.Value.Id, "复核撤销", "admin");
        await grain.ChangeStatusAsync(DirectoryStatus.Suspended, "暂停整改", "admin");
        var suspended = await eligibility.CheckAsync(code, [], 0, now);
        Assert.Contains("暂停", Assert.Single(suspended.Errors).Message);
        Assert.Equal(1, await cluster.QueryAsync(db => db.NegativeEntries.CountAsync(n => n.Uscc == code && n.RevokedAt != null)));
    }

    [Fact]
    public async Task Eligibility_of_an_unknown_or_malformed_code_is_refused_in_chinese()
    {
        var eligibility = new OrganizationEligibility(cluster.Grains);
        Assert.Contains("尚未在本平台登记", (await eligibility.CheckAsync(TestCodes.New(), [], 0, DateTimeOffset.UtcNow)).Errors[0].Message);
        Assert.Contains("校验位", (await eligibility.CheckAsync("52330502MJ5A27316U", [], 0, DateTimeOffset.UtcNow)).Errors[0].Message);
    }

    [Fact]
    public async Task Discarded_import_leaves_no_organization_behind()
    {
        var code = TestCodes.New();
        var grain = cluster.Grains.GetGrain<IOrganizationGrain>(code);
        var importId = Guid.NewGuid();
        var imported = await grain.ImportAsync(await ProfileAsync("导入社工"), importId, "admin");
        Assert.Equal(DirectoryStatus.Admitted, imported.Value!.Status);
        Assert.False((await grain.DiscardImportAsync(Guid.NewGuid())).Succeeded);
        Assert.True((await grain.DiscardImportAsync(importId)).Succeeded);

        Assert.Null(await grain.GetAsync());
        Assert.False(await cluster.QueryAsync(db => db.Organizations.AnyAsync(o => o.Uscc == code)));
        Assert.False(await cluster.QueryAsync(db => db.OrganizationStatusChanges.AnyAsync(o => o.Uscc == code)));
        Assert.True((await grain.RegisterAsync(await ProfileAsync("重新注册"), "ngo")).Succeeded);
    }

    [Fact]
    public async Task Invalid_profile_is_refused_field_by_field_and_nothing_is_stored()
    {
        var code = TestCodes.New();
        var grain = cluster.Grains.GetGrain<IOrganizationGrain>(code);
        var profile = (await ProfileAsync("")) with
        {
            ServiceAreaCodes = ["no-such-area"], StaffCount = 2, SocialWorkers = new(3, 0, 0), RegisteredOn = new(2099, 1, 1),
        };
        var result = await grain.RegisterAsync(profile, "ngo");
        Assert.Equal(
            new[] { "Name", "RegisteredOn", "ServiceAreaCodes", "SocialWorkers" },
            result.Errors.Select(e => e.Field).Order().ToArray());
        Assert.Null(await grain.GetAsync());
        Assert.False(await cluster.QueryAsync(db => db.Organizations.AnyAsync(o => o.Uscc == code)));
    }
}
