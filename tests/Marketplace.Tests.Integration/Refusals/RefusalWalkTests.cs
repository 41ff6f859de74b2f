using System.Net;
using System.Reflection;
using Marketplace.Domain;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Tests.Integration.Refusals;

/// <summary>
/// Every POST handler of every page, refused: the reason must be on the page the user gets back (a 200
/// re-render, or the page a redirect leads to). A refusal that only lands in ModelState under a field the
/// page never renders is the silent failure this guards against. Handlers are found by reflection, so a
/// new one without a case here fails <see cref="Every_post_handler_is_walked_or_listed"/>.
/// </summary>
public abstract partial class RefusalWalkTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Handlers that refuse nothing the user typed or chose, with why.</summary>
    private static readonly Dictionary<string, string> CannotRefuse = new()
    {
        ["Account.LogoutModel.OnPostAsync"] = "signing out always succeeds",
        ["Notifications.IndexModel.OnPostMarkReadAsync"] = "marking one's own message read always succeeds (another's id is 404)",
        ["Notifications.IndexModel.OnPostMarkAllReadAsync"] = "marking all one's messages read always succeeds",
        ["Errors.StatusModel.OnPost"] = "the error page answers a POST the same as a GET",
    };

    /// <summary>
    /// Handlers whose refusals are walked in their own feature's tests, beside the fixtures they need:
    /// contracts (NGO signing first, bad account, second payout, …) in ContractPagesTests, the others where noted.
    /// </summary>
    private static readonly HashSet<string> WalkedWithContracts =
    [
        "District.Contracts.IndexModel.OnPostAppealAsync", "District.Contracts.IndexModel.OnPostAssignAsync",
        "Ngo.Contracts.DetailsModel.OnPostAppealAsync", "Ngo.Contracts.DetailsModel.OnPostReportAsync", "Ngo.Contracts.DetailsModel.OnPostSignAsync",
        "Street.Contracts.DetailsModel.OnPostPayAsync", "Street.Contracts.DetailsModel.OnPostScheduleAsync", "Street.Contracts.DetailsModel.OnPostSignAsync",
        "Street.Contracts.DetailsModel.OnPostTerminateAsync", "Street.Contracts.IndexModel.OnPostCreateAsync", "Evaluator.Evaluations.IndexModel.OnPostScoreAsync",
        "Ngo.Contracts.PeerModel.OnPostScoreAsync", // 互评: above a weight, not a number, before the report, in PeerEvaluationPageTests
        "Street.Contracts.RecordModel.OnPostAsync", // 合同补录: above available, no title, split ≠ amount, in ContractRecordPageTests
        // 群众评: bad phone, wrong code, a second rating in the period, a comment moderated twice, in Ratings/ResidentRatingTests.
        "Contracts.RateModel.OnPostCodeAsync", "Contracts.RateModel.OnPostSubmitAsync", "Street.Contracts.RatingsModel.OnPostModerateAsync",
        "Street.Contracts.AmendModel.OnPostAsync", // its refusals (above available, bad term) are asserted in ContractAmendmentTests
        "District.Contracts.SettingsModel.OnPostAsync", // its refusals (weights not summing to 100) are asserted in ContractSettingsPageTests
        // 补抽: the street's refusals are asserted in PanelReplacementPageTests, the expert's in TenderPanelReplacementTests.
        "Street.Tenders.DetailsModel.OnPostReplaceAsync", "Evaluator.Reviews.ReviewModel.OnPostDeclineAsync",
        // Its refusals (wrong current password, mismatch) are asserted in Security/SessionTests.
        "Account.ChangePasswordModel.OnPostAsync",
        // 确认注册: a wrong code, a code voided by five wrong ones, 重新发送验证码 within the minute, each beside the code field,
        // in Organizations/RegistrationConfirmationTests (only a 待确认 account opens the page).
        "Organizations.ConfirmModel.OnPostAsync", "Organizations.ConfirmModel.OnPostResendAsync",
        // 公益创投: bad input of the create and apply forms and every lifecycle action out of turn are walked in Rounds/PublicRoundsTests.
        "Street.Rounds.IndexModel.OnPostCreateAsync", "Ngo.Rounds.ApplyModel.OnPostAsync",
        "Street.Rounds.DetailsModel.OnPostOpenAsync", "Street.Rounds.DetailsModel.OnPostScreenAsync", "Street.Rounds.DetailsModel.OnPostPanelAsync",
        "Street.Rounds.DetailsModel.OnPostSelectAsync", "Street.Rounds.DetailsModel.OnPostAdjustAsync", "Street.Rounds.DetailsModel.OnPostPublishAsync",
        "Street.Rounds.DetailsModel.OnPostEndPublicityAsync", "Street.Rounds.DetailsModel.OnPostContractsAsync",
        // The district's rounds run on the same organizer page (RoundOrganizerPageModel): the create form's shares (not summing to
        // the pool, a street outside the district, no street), a draft's edit, a share over a street's available money on opening
        // in Rounds/DistrictRoundPagesTests; the street's draft edit there too; the other commands are the street's, walked above.
        "Street.Rounds.DetailsModel.OnPostEditAsync", "District.Rounds.IndexModel.OnPostCreateAsync",
        "District.Rounds.DetailsModel.OnPostEditAsync", "District.Rounds.DetailsModel.OnPostOpenAsync", "District.Rounds.DetailsModel.OnPostScreenAsync",
        "District.Rounds.DetailsModel.OnPostPanelAsync", "District.Rounds.DetailsModel.OnPostSelectAsync", "District.Rounds.DetailsModel.OnPostAdjustAsync",
        "District.Rounds.DetailsModel.OnPostPublishAsync", "District.Rounds.DetailsModel.OnPostEndPublicityAsync", "District.Rounds.DetailsModel.OnPostContractsAsync",
        "District.Rounds.DetailsModel.OnPostAnswerAsync", "District.Rounds.DetailsModel.OnPostReleaseAsync",
        "Evaluator.Rounds.ReviewModel.OnPostDeclareAsync", "Evaluator.Rounds.ReviewModel.OnPostScoreAsync",
        // Objections, answers and adjusted amounts: walked in Rounds/RoundObjectionPagesTests.
        "Ngo.Rounds.DetailsModel.OnPostRespondAsync", "Ngo.Rounds.DetailsModel.OnPostObjectAsync", "Street.Rounds.DetailsModel.OnPostAnswerAsync", "Street.Rounds.DetailsModel.OnPostReleaseAsync",
        // 网格事项: every grid, visit-log, matter-step, resident report and rating form is walked in Grid/GridPagesTests.
        "Street.Grid.IndexModel.OnPostSaveAsync", "Street.Grid.IndexModel.OnPostImportAsync", "Grid.IndexModel.OnPostAsync",
        "Street.Grid.MatterModel.OnPostAssignAsync", "Street.Grid.MatterModel.OnPostAcceptAsync", "Street.Grid.MatterModel.OnPostHandleAsync",
        "Street.Grid.MatterModel.OnPostCloseAsync", "Street.Grid.MatterModel.OnPostEscalateAsync",
        "Matters.ReportModel.OnPostSendCodeAsync", "Matters.ReportModel.OnPostAsync", "Matters.RateModel.OnPostSendCodeAsync", "Matters.RateModel.OnPostAsync",
        "District.Grid.SettingsModel.OnPostAsync",
        // 网格员账号: walked in Grid/GridStreetAccessTests.The_street_creates_a_grid_worker_account_and_bad_input_is_refused_beside_the_field.
        "Street.Grid.WorkersModel.OnPostAsync",
        // 菜单式服务: unknown community, bad phone, wrong code, empty text, a service whose contract ended, another organization's
        // order and steps out of turn, walked in Grid/ServiceMenuTests; 需求清单 review, threshold and links in Grid/NeedsPageTests.
        "Matters.MenuModel.OnPostSendCodeAsync", "Matters.MenuModel.OnPostAsync",
        "Ngo.Orders.IndexModel.OnPostAcceptAsync", "Ngo.Orders.IndexModel.OnPostDeliverAsync", "Ngo.Orders.IndexModel.OnPostCloseAsync",
        "Street.Needs.IndexModel.OnPostReviewAsync", "Street.Needs.IndexModel.OnPostThresholdAsync", "Street.Needs.IndexModel.OnPostLinkAsync",
    ];

    /// <summary>
    /// Handlers whose refusal path is not walked yet. Empty, and meant to stay so: a handler added to the
    /// app appears in none of the lists and fails the coverage test until its refusal is walked.
    /// </summary>
    private static readonly HashSet<string> NotYetWalked = [];

    /// <summary>The handlers walked by <see cref="Each_refusal_shows_its_reason_on_the_page"/>.</summary>
    private static readonly string[] Walked =
    [
        "Street.Tenders.CreateModel.OnPostAsync",
        "Street.Tenders.DetailsModel.OnPostPublishAsync", "Street.Tenders.DetailsModel.OnPostUpdateAsync",
        "Street.Tenders.DetailsModel.OnPostCancelAsync", "Street.Tenders.DetailsModel.OnPostCloseAsync",
        "Street.Tenders.DetailsModel.OnPostPanelAsync", "Street.Tenders.DetailsModel.OnPostRedrawAsync", "Street.Tenders.DetailsModel.OnPostAwardAsync",
        "Street.Tenders.DetailsModel.OnPostRerunAsync", "Street.Tenders.DetailsModel.OnPostSingleSourceAsync",
        "Street.Tenders.DetailsModel.OnPostAnswerAsync",
        "Ngo.Tenders.ApplyModel.OnPostSubmitAsync", "Ngo.Tenders.ApplyModel.OnPostWithdrawAsync", "Ngo.Tenders.ApplyModel.OnPostObjectAsync",
        "District.Experts.IndexModel.OnPostAddAsync", "Street.Budget.EditModel.OnPostAsync",
        .. WalkedByRole,
    ];

    public static IEnumerable<string> PostHandlers()
    {
        const string root = "Marketplace.Web.Pages.";
        return typeof(Marketplace.Web.Data.AppDbContext).Assembly.GetTypes()
            .Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract && t.FullName!.StartsWith(root, StringComparison.Ordinal))
            // Inherited handlers count for each page that has them (the street's and the district's round pages share theirs).
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal))
                .Select(m => $"{t.FullName![root.Length..]}.{m.Name}"));
    }

    [Fact]
    public void Every_post_handler_is_walked_or_listed()
    {
        var known = Walked.Concat(CannotRefuse.Keys).Concat(WalkedWithContracts).Concat(NotYetWalked).ToHashSet();
        var missing = PostHandlers().Where(h => !known.Contains(h)).ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing.Select(h => $"no refusal case for {h}")));
        var stale = known.Except(PostHandlers()).ToList();
        Assert.True(stale.Count == 0, "listed but no such handler: " + string.Join(", ", stale));
    }

    [SkippableFact]
    public async Task Each_refusal_shows_its_reason_on_the_page()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        using var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia");
        var now = app.Clock.GetUtcNow();
        var item = await TenderForms.PublishedItemAsync(Factory, "东山街道");

        // 预算填报 without a total: beside the field.
        await ShownAsync(await official.PostFormAsync("/Street/Budget/Edit", new() { ["Input.Total"] = "" }), "请输入金额");

        // The new-notice form offers a period this year's budget carries, and says which budget that is.
        var form = await official.GetHtmlAsync($"/Street/Tenders/Create/{item}");
        var year = ChinaTime.Day(now).Year;
        Assert.Contains($"使用 {year} 年度预算", form);
        Assert.Contains($"name=\"Input.ServiceEnd\" value=\"{year}-12-31\"", form);

        // 新建: a period that ends before it starts is refused beside 服务期结束, the typed title kept.
        var bad = TenderForms.Notice(now, "拒绝原因-新建");
        bad["Input.ServiceEnd"] = Day(TenderForms.ServiceStart(now).AddDays(-1));
        await ShownAsync(await official.PostFormAsync($"/Street/Tenders/Create/{item}", bad), "服务期结束日期必须晚于开始日期", "拒绝原因-新建");

        // 发布 of a notice drawing on next year's budget, which no street has filed: the budget's reason at
        // the top, and the 修改公告 form keeps the notice's own weights (45/15), not the defaults (40/20).
        var nextYear = TenderForms.Notice(now, "拒绝原因-下年度", planWeight: "45");
        nextYear["Input.Criteria[1].Weight"] = "15";
        var start = new DateOnly(ChinaTime.Day(now).Year + 1, 1, 1);
        (nextYear["Input.ServiceStart"], nextYear["Input.ServiceEnd"]) = (Day(start), Day(start.AddMonths(6)));
        var draft = await CreateAsync(official, item, nextYear);
        var refused = await ShownAsync(await PostAsync(official, draft, "Publish", []), $"{start.Year}年度预算", "使用 " + start.Year + " 年度预算");
        Assert.Contains("name=\"Input.Criteria[0].Weight\" value=\"45\"", refused);
        Assert.Contains("name=\"Input.Criteria[1].Weight\" value=\"15\"", refused);

        // 修改公告 with no ceiling: beside the field, the form opened, what was typed kept.
        var edit = new Dictionary<string, string>(nextYear) { ["Input.Ceiling"] = "", ["Input.Title"] = "拒绝原因-修改中" };
        var edited = await ShownAsync(await PostAsync(official, draft, "Update", edit), "最高限价：请输入金额", "拒绝原因-修改中");
        Assert.Contains("<details class=\"mb-3\" open=\"open\">", edited);

        await ShownAsync(await PostAsync(official, draft, "Cancel", new() { ["Reason"] = "" }), "请填写取消原因");
        await ShownAsync(await PostAsync(official, draft, "Rerun", []), "只有采购失败的项目可以重新采购");

        // A published tender before its deadline.
        var open = await TenderForms.PublishAsync(official, now, "拒绝原因-报名中");
        await ShownAsync(await PostAsync(official, open, "Close", []), "尚未到报名截止时间");
        // The size and price boxes are not on this page yet: the reason is the tender's state, at the top.
        await ShownAsync(await PostAsync(official, open, "Panel", new() { ["PanelSize"] = "三" }), "报名截止后才能抽取评审专家");
        await ShownAsync(await PostAsync(official, open, "Redraw", []), "尚未抽取评审专家");
        await ShownAsync(await PostAsync(official, open, "Award", new() { ["Winner"] = "x" }), "评审完成后才能确定中标");
        await ShownAsync(await PostAsync(official, open, "SingleSource", new() { ["SingleSourcePrice"] = "" }), "只有采购失败的项目可以转为单一来源采购");
        await ShownAsync(await official.PostFormAsync($"/Street/Tenders/Details/{open}", [],
            $"/Street/Tenders/Details/{open}?handler=Answer&objectionId={Guid.NewGuid()}"), "质疑不存在");

        // The organization: no price, nothing to withdraw, an objection before any 公示 (no form shown,
        // so the reason goes to the top instead of vanishing with the form).
        var apply = $"/Ngo/Tenders/Apply/{open}";
        await ShownAsync(await lejia.PostFormAsync(apply, new() { ["Price"] = "", ["SocialWorkers"] = "3", ["SubmitKey"] = "k" }, apply + "?handler=Submit"), "报价：请输入金额");
        await ShownAsync(await lejia.PostFormAsync(apply, [], apply + "?handler=Withdraw"), "没有可撤回的申请");
        await ShownAsync(await lejia.PostFormAsync(apply, new() { ["ObjectionText"] = "评分有误" }, apply + "?handler=Object"), "中标（成交）结果公示后才能提出质疑");
    }

    [SkippableFact]
    public async Task District_refusals_show_their_reason_on_the_page()
    {
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");

        await ShownAsync(await admin.PostFormAsync("/District/Experts", new() { ["Name"] = "", ["Field"] = "养老服务" }, "/District/Experts?handler=Add"),
            "请填写专家姓名（不超过50字）");
    }

    private static async Task<Guid> CreateAsync(AppSession official, Guid item, Dictionary<string, string> form)
    {
        var created = await official.PostFormAsync($"/Street/Tenders/Create/{item}", form);
        await TenderForms.AssertRedirectAsync(created);
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private static Task<HttpResponseMessage> PostAsync(AppSession official, Guid id, string handler, Dictionary<string, string> form) =>
        official.PostFormAsync($"/Street/Tenders/Details/{id}", form, $"/Street/Tenders/Details/{id}?handler={handler}");

    /// <summary>Each refusal walked here re-renders its page (200, nothing saved) with every expected text.</summary>
    private static async Task<string> ShownAsync(HttpResponseMessage response, params string[] texts)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var text in texts)
        {
            Assert.Contains(text, html);
        }
        return html;
    }
}

public sealed class RefusalWalkTests_Sqlite(SqliteTenderApp app) : RefusalWalkTests(app), IClassFixture<SqliteTenderApp>;

public sealed class RefusalWalkTests_Postgres(PostgresTenderApp app) : RefusalWalkTests(app), IClassFixture<PostgresTenderApp>;
