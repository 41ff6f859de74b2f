using System.Net;
using Marketplace.Catalog;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Refusals;

/// <summary>
/// The refusals of the district admin's, the street's catalog, the organization's, the expert's and the
/// anonymous visitor's forms, each posted as that role through the page's own form (antiforgery token):
/// 200, the Chinese reason on the page, and nothing saved.
/// </summary>
public abstract partial class RefusalWalkTests
{
    private const string Qiming = "52320115MJ5K631475"; // 江宁区启明社会工作事务所, 已入库

    /// <summary>The handlers walked in this file.</summary>
    private static string[] WalkedByRole =>
    [
        "District.Guiding.IndexModel.OnPostAddAsync", "District.Guiding.IndexModel.OnPostToggleAsync",
        "District.Calendar.IndexModel.OnPostDayAsync", "District.Calendar.IndexModel.OnPostResetAsync", "District.Calendar.IndexModel.OnPostPublicityAsync",
        "District.Calendar.IndexModel.OnPostDeclarationAsync",
        "District.IncubationBases.IndexModel.OnPostAsync", "District.Reports.IndexModel.OnPostAllDistrictsAsync",
        "District.Experts.IndexModel.OnPostToggleAsync",
        "District.Budgets.IndexModel.OnPostConfirmAsync", "District.Budgets.PolicyModel.OnPostAsync",
        "District.Organizations.DetailsModel.OnPostStatusAsync", "District.Organizations.DetailsModel.OnPostNegativeAsync",
        "District.Organizations.DetailsModel.OnPostRevokeAsync", "District.Organizations.DetailsModel.OnPostIncubationAsync",
        "District.Organizations.ImportModel.OnPostAsync",
        "Street.Catalog.IndexModel.OnPostPublishAsync", "Street.Catalog.IndexModel.OnPostWithdrawAsync", "Street.Catalog.EditModel.OnPostAsync",
        "Ngo.EditOrganizationModel.OnPostAsync", "Ngo.OrganizationModel.OnPostUploadAsync", "Ngo.OrganizationModel.OnPostDeleteDocumentAsync",
        "Ngo.OrganizationModel.OnPostResubmitAsync",
        "Evaluator.Reviews.ReviewModel.OnPostNoConflictAsync", "Evaluator.Reviews.ReviewModel.OnPostConflictAsync",
        "Evaluator.Reviews.ReviewModel.OnPostScoreAsync", "Evaluator.Reviews.ReviewModel.OnPostLowPriceAsync",
        "Account.LoginModel.OnPostAsync", "Organizations.RegisterModel.OnPostAsync",
    ];

    [SkippableFact]
    public async Task District_admin_refusals_show_their_reason_and_save_nothing()
    {
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var before = await SnapshotAsync();

        await ShownAsync(await admin.PostFormAsync("/District/Guiding", new() { ["Input.Code"] = "", ["Input.Name"] = "x" }, "/District/Guiding?handler=Add"),
            "请填写目录编码", "请选择服务领域");
        await ShownAsync(await admin.PostFormAsync("/District/Guiding", new() { ["Input.Code"] = "A0101", ["Input.Name"] = "重复", ["Input.ServiceAreaCode"] = "elderly" },
            "/District/Guiding?handler=Add"), "本区目录中已有该编码");

        await ShownAsync(await admin.PostFormAsync("/District/Calendar", new() { ["Day.Date"] = "10月1日", ["Day.Kind"] = "1" }, "/District/Calendar?handler=Day"),
            "请填写日期，格式如 2026-10-01");
        await ShownAsync(await admin.PostFormAsync("/District/Calendar", new() { ["date"] = "明天" }, "/District/Calendar?handler=Reset"), "日期无效，请刷新页面后重试");
        await ShownAsync(await admin.PostFormAsync("/District/Calendar", new() { ["PublicityWorkingDays"] = "0" }, "/District/Calendar?handler=Publicity"),
            "公示期应为1至");
        await ShownAsync(await admin.PostFormAsync("/District/Calendar", new() { ["DeclarationWorkingDays"] = "0" }, "/District/Calendar?handler=Declaration"),
            "声明期限应为1至10个工作日");

        await ShownAsync(await admin.PostFormAsync("/district/incubation-bases", new() { ["Input.Name"] = "", ["Input.Level"] = "省级" }), "请填写基地名称", "请选择基地层级");
        // The year was refused in the green success banner after a redirect; now beside the field.
        await ShownAsync(await admin.PostFormAsync("/District/Reports", new() { ["Year"] = "1999" }, "/District/Reports?handler=AllDistricts"), "年度应在 2000 至");
        await ShownAsync(await admin.PostFormAsync("/District/Budgets/Policy", new() { ["Input.Floor"] = "两百万" }), "金额格式不正确");

        // Confirming a budget version that is not the one awaiting confirmation: the reason at the top.
        var street = await QueryAsync(db => db.Streets.Where(s => s.Name == "东山街道").Select(s => s.Id).SingleAsync());
        await ShownAsync(await admin.PostFormAsync("/District/Budgets", new() { ["street"] = street.ToString(System.Globalization.CultureInfo.InvariantCulture), ["version"] = "999" },
            "/District/Budgets?handler=Confirm"), "确认失败：");

        var org = $"/district/organizations/{Qiming}";
        await ShownAsync(await admin.PostFormAsync(org, new() { ["To"] = "Suspended", ["Reason"] = "" }, org + "?handler=Status"), "请填写暂停原因");
        await ShownAsync(await admin.PostFormAsync(org, new() { ["Negative.Reason"] = "x", ["Negative.StartsOn"] = "2026-13-01" }, org + "?handler=Negative"),
            "请选择负面信息来源", "开始日期格式应为 2026-01-15");
        // An entry that does not exist (another admin revoked it, or a forged id) has no field: at the top.
        await ShownAsync(await admin.PostFormAsync(org, new() { ["EntryId"] = Guid.NewGuid().ToString(), ["RevokeReason"] = "误录" }, org + "?handler=Revoke"),
            "负面信息记录不存在");
        await ShownAsync(await admin.PostFormAsync(org, new() { ["Incubation.BaseId"] = "", ["Incubation.StartsOn"] = "" }, org + "?handler=Incubation"),
            "请选择孵化基地", "请填写入驻日期");
        await ShownAsync(await admin.PostFormAsync("/district/organizations/import", []), "请选择要导入的 .xlsx 文件");

        Assert.Equal(before, await SnapshotAsync());
    }

    [SkippableFact]
    public async Task Handlers_that_refuse_only_an_unknown_id_answer_404()
    {
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        using var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia");
        var foreign = await QueryAsync(db => db.GuidingCatalogEntries.Where(g => !db.Districts.Any(d => d.Id == g.DistrictId && d.Name == "江宁区"))
            .Select(g => g.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/District/Guiding", [], $"/District/Guiding?handler=Toggle&id={foreign}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/District/Experts", [], $"/District/Experts?handler=Toggle&expertId={Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await lejia.PostFormAsync("/ngo/organization", [], $"/ngo/organization?handler=DeleteDocument&documentId={Guid.NewGuid()}")).StatusCode);
        Assert.True(await QueryAsync(db => db.GuidingCatalogEntries.Where(g => g.Id == foreign).Select(g => g.Active).SingleAsync()));
    }

    [SkippableFact]
    public async Task Catalog_and_organization_refusals_show_their_reason()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var itemId = await TenderForms.PublishedItemAsync(Factory, "东山街道");
        var item = await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IStreetCatalogGrain>(
            await QueryAsync(db => db.Streets.Where(s => s.Name == "东山街道").Select(s => s.Id).SingleAsync())).GetItemAsync(itemId);
        // Publishing what is already published (a second tab): the reason at the top, no longer in the success banner.
        await ShownAsync(await official.PostFormAsync("/Street/Catalog", [], $"/Street/Catalog?handler=Publish&id={itemId}&version={item!.Version}"), "该事项已发布");
        await ShownAsync(await official.PostFormAsync("/Street/Catalog", [], $"/Street/Catalog?handler=Withdraw&id={itemId}&version={item.Version + 7}"),
            "该事项已被他人修改，请刷新页面后重新编辑");
        await ShownAsync(await official.PostFormAsync($"/Street/Catalog/Edit/{itemId}", new() { ["Input.Title"] = "", ["Input.Version"] = item.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            $"/Street/Catalog/Edit/{itemId}"), "请填写服务事项");

        using var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia");
        await ShownAsync(await lejia.PostFormAsync("/ngo/organization/edit", new() { ["Input.Type"] = "", ["Input.Name"] = "改名测试" }), "请选择组织类型", "改名测试");
        await ShownAsync(await lejia.PostFormAsync("/ngo/organization", new() { ["Kind"] = "" }, "/ngo/organization?handler=Upload"), "请选择材料类别", "请选择要上传的文件");
        // An admitted organization resubmitting (an old tab): the reason was filed under a box this page does not show then.
        await ShownAsync(await lejia.PostFormAsync("/ngo/organization", [], "/ngo/organization?handler=Resubmit"), "当前状态为“已入库”，不能改为“申请中”");

        using var anonymous = new AppSession(Factory);
        await ShownAsync(await anonymous.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "nobody." + Guid.NewGuid().ToString("N")[..6], ["Input.Password"] = "x" }),
            "用户名或密码不正确");
        await ShownAsync(await anonymous.PostFormAsync("/organizations/register", new() { ["Account.UserName"] = "new.ngo", ["Account.Password"] = "Demo@2026x", ["Account.ConfirmPassword"] = "Demo@2026y" }),
            "两次输入的密码不一致", "请填写账号使用人姓名");
        Assert.False(await QueryAsync(db => db.Users.AnyAsync(u => u.UserName == "new.ngo")));
        Assert.Equal("江宁区乐家社会工作服务中心", await QueryAsync(db => db.Organizations.Where(o => o.Uscc == "52320115MJ5K41253H").Select(o => o.Name).SingleAsync()));
    }

    [SkippableFact]
    public async Task Expert_refusals_show_their_reason_on_the_review_page()
    {
        using (var official = await AppSession.LoginAsync(Factory, "dongshan"))
        {
            _reviewed = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), "拒绝原因-评审");
        }
        foreach (var ngo in new[] { "ngo.lejia", "ngo.renai" })
        {
            using var session = await AppSession.LoginAsync(Factory, ngo);
            await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(session, _reviewed, ngo == "ngo.lejia" ? "280000" : "290000", "评审拒绝方案"));
        }
        var grain = Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenderGrain>(_reviewed);
        app.Clock.Advance((await grain.GetInfoAsync())!.Notice.Deadline - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await grain.CloseAsync(); // the timed close may have run first; either way the tender is closed
        Assert.True((await grain.RequestPanelAsync(3, "dongshan")).Succeeded);
        var member = (await grain.GetPanelAsync())!.Members.First(m => m.UserName is not null && m.Status == PanelMemberStatus.Drawn);

        using var expert = await AppSession.LoginAsync(Factory, member.UserName!);
        var page = $"/Evaluator/Reviews/Review/{_reviewed}";
        var uscc = (await grain.GetApplicantsAsync()).Value![0].Uscc;
        var criteria = (await grain.GetInfoAsync())!.Notice.Criteria.Where(c => !c.IsPrice).ToList();
        var sheet = criteria.ToDictionary(c => $"Points[{c.Code}]", c => c.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ShownAsync(await expert.PostFormAsync(page, sheet, $"{page}?handler=Score&uscc={uscc}"), "声明无利害关系后才能评分");
        await ShownAsync(await expert.PostFormAsync(page, new() { ["Explanation"] = "说明合理" }, $"{page}?handler=LowPrice&uscc={uscc}&accept=true"),
            "只有评审小组成员可以认定异常低价");
        await ShownAsync(await expert.PostFormAsync(page, new() { ["ConflictReason"] = "" }, page + "?handler=Conflict"), "请说明利害关系");
        await TenderForms.AssertRedirectAsync(await expert.PostFormAsync(page, [], page + "?handler=NoConflict"));
        await ShownAsync(await expert.PostFormAsync(page, [], page + "?handler=NoConflict"), "您已作出声明");
        await ShownAsync(await expert.PostFormAsync(page, new(sheet) { [$"Points[{criteria[0].Code}]"] = "很好" }, $"{page}?handler=Score&uscc={uscc}"), "请输入数字分值");
        Assert.Empty(await grain.GetExpertScoresAsync(member.UserName!));
    }

    private Guid _reviewed;

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>What the district admin's refused forms would have written.</summary>
    private Task<string> SnapshotAsync() => QueryAsync(async db => string.Join("|",
        await db.GuidingCatalogEntries.CountAsync(), await db.IncubationBases.CountAsync(), await db.IncubationRecords.CountAsync(),
        await db.ReportRuns.CountAsync(), await db.DistrictBudgetPolicies.CountAsync(),
        (await db.Organizations.Where(o => o.Uscc == Qiming).Select(o => o.Status).SingleAsync()).ToString()));
}
