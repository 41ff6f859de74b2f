using System.Net;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Tests.Integration.Tendering.PanelForms;

namespace Marketplace.Tests.Integration.Tendering;

/// <summary>
/// The panel through the street's tender page (财库〔2016〕198号): the demo draw gives the README's three experts
/// and passes over 钱明, who has no account; the official's 补抽 with each refusal on the page.
/// </summary>
public abstract class PanelReplacementPageTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();

    private Task<HttpResponseMessage> ReplaceAsync(AppSession official, Guid id, Guid expertId, string reason) =>
        official.PostFormAsync(Details(id), new() { ["ReplaceReason"] = reason }, $"{Details(id)}?handler=Replace&expertId={expertId}");

    [SkippableFact]
    public async Task The_demo_draw_gives_zhao_sun_and_zhou_and_the_panel_completes_without_the_expert_who_has_no_account()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await DrawnAsync(app, official, "补抽测试 演示专家", "养老服务");

        var panel = (await Grains.GetGrain<ITenderGrain>(id).GetPanelAsync())!;
        Assert.Equal(["expert.sun", "expert.zhao", "expert.zhou"], panel.Members.Select(m => m.UserName!).Order());
        foreach (var expert in new[] { "expert.zhao", "expert.sun", "expert.zhou" })
        {
            using var session = await AppSession.LoginAsync(Factory, expert);
            var review = $"/Evaluator/Reviews/Review/{id}";
            Assert.Contains("前声明，逾期未声明的将由抽取顺序中的下一位专家递补", await session.GetHtmlAsync(review));
            await TenderForms.AssertRedirectAsync(await session.PostFormAsync(review, [], review + "?handler=NoConflict"));
        }

        var page = await official.GetHtmlAsync(Details(id));
        Assert.DoesNotContain(PanelRoster.NotAllDeclared, page);
        Assert.Contains("尚有3位评审专家未完成评分", page);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(page, "已声明无利害关系").Count);
        Assert.DoesNotContain("回避：钱明", page); // passed over for want of an account, never listed as 回避
        Assert.Equal(panel.Skipped.Contains("钱明：无评审专家账号"), page.Contains("无评审专家账号（未参加抽取）：钱明", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task An_expert_who_declines_on_his_review_page_leaves_and_the_tender_says_the_demo_pool_has_no_one_left()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await DrawnAsync(app, official, "补抽测试 专家拒绝", "养老服务");
        using var zhou = await AppSession.LoginAsync(Factory, "expert.zhou");
        var review = $"/Evaluator/Reviews/Review/{id}";
        var tooLong = await zhou.PostFormAsync(review, new() { ["DeclineReason"] = new string('忙', 201) }, review + "?handler=Decline");
        Assert.Contains("说明不能超过200字", await tooLong.Content.ReadAsStringAsync());

        await TenderForms.AssertRedirectAsync(await zhou.PostFormAsync(review, new() { ["DeclineReason"] = "评审当日另有公务" }, review + "?handler=Decline"));

        Assert.Contains("您已不在本项目评审小组中（已替换（拒绝：评审当日另有公务））", await zhou.GetHtmlAsync(review));
        var page = await official.GetHtmlAsync(Details(id));
        Assert.Contains("周文", page);
        Assert.Contains("已替换（拒绝：评审当日另有公务）", page);
        // 钱明 has no account and nobody else is in 江宁区's 养老服务 pool: the seat stays empty, and the page says so.
        Assert.Contains("评审小组缺1名专家：按记录的随机抽取顺序已无可补抽的专家，请联系区管理员补充专家库", page);
    }

    [SkippableFact]
    public async Task The_street_official_replaces_a_drawn_expert_from_the_tender_page_and_each_refusal_says_why()
    {
        var field = "补抽-" + Guid.NewGuid().ToString("N")[..6];
        var jiangning = await ScalarAsync(Factory, db => db.Districts.Where(d => d.Name == "江宁区").Select(d => d.Id).SingleAsync());
        var pool = Grains.GetGrain<IExpertPoolGrain>(jiangning);
        foreach (var name in new[] { "甲", "乙", "丙", "丁", "戊" })
        {
            Assert.True((await pool.AddAsync(new ExpertDraft("专家" + name, field, "南京某高校", null, $"{field}-{name}", null, []))).Succeeded);
        }
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await DrawnAsync(app, official, "补抽测试 街道替换", field);
        var members = (await Grains.GetGrain<ITenderGrain>(id).GetPanelAsync())!.Members;

        // Refused on the page: no reason; not one of this panel; another street's official is not found; no token.
        var noReason = await ReplaceAsync(official, id, members[0].ExpertId, "");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("请填写替换原因（如无法联系、不能按时参加评审）", await noReason.Content.ReadAsStringAsync());
        Assert.Contains("该专家不在本项目的评审小组中", await (await ReplaceAsync(official, id, Guid.NewGuid(), "无法联系")).Content.ReadAsStringAsync());
        using var moling = await AppSession.LoginAsync(Factory, "moling");
        var foreign = await moling.PostFormAsync("/Street/Tenders", new() { ["ReplaceReason"] = "无法联系" }, $"{Details(id)}?handler=Replace&expertId={members[0].ExpertId}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode); // the token of moling's own page, the tender of another street
        var forged = await official.Http.PostAsync($"{Details(id)}?handler=Replace&expertId={members[0].ExpertId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["ReplaceReason"] = "无法联系" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        await TenderForms.AssertRedirectAsync(await ReplaceAsync(official, id, members[0].ExpertId, "电话三次无人接听"));
        // The district disables a member in its pool: he becomes replaceable without more words.
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        await TenderForms.AssertRedirectAsync(await admin.PostFormAsync("/District/Experts", [], $"/District/Experts?handler=Toggle&expertId={members[1].ExpertId}"));
        await TenderForms.AssertRedirectAsync(await ReplaceAsync(official, id, members[1].ExpertId, ""));

        var page = await official.GetHtmlAsync(Details(id));
        Assert.Contains("已替换（手动替换：电话三次无人接听（", page);
        Assert.Contains("已替换（已停用）", page);
        Assert.DoesNotContain("回避：", page);
        var panel = (await Grains.GetGrain<ITenderGrain>(id).GetPanelAsync())!;
        Assert.Equal(5, panel.Members.Length);
        Assert.Contains($"由{panel.Members[3].Name}递补", page);

        // All five experts of the field have been drawn: the next replacement is refused and says why.
        var ranOut = await ReplaceAsync(official, id, members[2].ExpertId, "无法联系");
        Assert.Equal(HttpStatusCode.OK, ranOut.StatusCode);
        Assert.Contains("评审小组缺1名专家：按记录的随机抽取顺序已无可补抽的专家，请联系区管理员补充专家库", await ranOut.Content.ReadAsStringAsync());
    }
}

public sealed class PanelReplacementPageTests_Sqlite(SqliteTenderApp app) : PanelReplacementPageTests(app), IClassFixture<SqliteTenderApp>;

public sealed class PanelReplacementPageTests_Postgres(PostgresTenderApp app) : PanelReplacementPageTests(app), IClassFixture<PostgresTenderApp>;
