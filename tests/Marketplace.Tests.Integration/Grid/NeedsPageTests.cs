using System.Net;
using Marketplace.Grid;
using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Grid;

/// <summary>
/// 需求清单 (issue 17 item 4) over the seeded 庄市街道: what its 村(社区) keep reporting is listed, the official confirms or
/// declines (with a reason) each once, and sets the street's own threshold; refusals show their reason and change nothing.
/// </summary>
public abstract class NeedsPageTests(GridApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    [SkippableFact]
    public async Task The_street_reviews_the_needs_its_communities_keep_reporting_and_bad_input_changes_nothing()
    {
        var (street, _) = await GridFlow.ZhuangshiAsync(Factory);
        var grain = Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IStreetMattersGrain>(street);
        // seed/grids.json by hand, within 90 days: 勤勇村 社区治理 3 (路灯, 村道积水, 垃圾清运), 中心社区 养老助残 3 (助餐, 助浴, 陪诊).
        var needs = (await grain.GetNeedsAsync()).Needs;
        Assert.Contains(needs, n => (n.Community, n.ServiceAreaCode, n.Count) == ("勤勇村", "community", 3));
        Assert.Contains(needs, n => (n.Community, n.ServiceAreaCode, n.Count) == ("中心社区", "elderly", 3));

        using var official = await AppSession.LoginAsync(Factory, "zhuangshi");
        var page = WebUtility.HtmlDecode(await official.GetHtmlAsync("/Street/Needs"));
        Assert.Contains("勤勇村</td><td>社区治理</td><td>3</td>", page);
        Assert.Contains("中心社区</td><td>养老助残</td><td>3</td>", page);

        Task<HttpResponseMessage> Review(string community, string area, string decision, string reason) => official.PostFormAsync("/Street/Needs",
            new() { ["Community"] = community, ["ServiceAreaCode"] = area, ["Decision"] = decision, ["Reason"] = reason }, "/Street/Needs?handler=Review");
        await ShownAsync(await Review("勤勇村", "community", "Declined", " "), "不予采纳请填写理由");
        await ShownAsync(await Review("勤勇村", "youth", "Confirmed", ""), "该需求不在需求清单中");
        await ShownAsync(await official.PostFormAsync("/Street/Needs", new() { ["MinMatters"] = "1", ["Days"] = "500" }, "/Street/Needs?handler=Threshold"),
            "事项数应为2至100件", "统计期应为7至366天");
        var unchanged = await grain.GetNeedsAsync();
        Assert.Equal(NeedThreshold.Default, unchanged.Threshold);
        Assert.All(unchanged.Needs, n => Assert.Null(n.Review));

        Assert.Equal(HttpStatusCode.Redirect, (await Review("中心社区", "elderly", "Confirmed", "纳入明年居家养老服务购买计划")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Review("勤勇村", "community", "Declined", "属村级自治事项，由村民议事会解决")).StatusCode);
        await ShownAsync(await Review("中心社区", "elderly", "Declined", "重复"), "不能重复审核");
        var reviewed = (await grain.GetNeedsAsync()).Needs;
        Assert.Equal(NeedDecision.Confirmed, reviewed.Single(n => n.Key == NeedsList.Key("中心社区", "elderly")).Review!.Decision);
        Assert.Equal("属村级自治事项，由村民议事会解决", reviewed.Single(n => n.Key == NeedsList.Key("勤勇村", "community")).Review!.Reason);
        Assert.Contains("属村级自治事项，由村民议事会解决", WebUtility.HtmlDecode(await official.GetHtmlAsync("/Street/Needs")));

        // The street's own threshold: 2 matters in 90 days also lists 勤勇村 养老助残 (独居老人助餐, 助浴).
        Assert.Equal(HttpStatusCode.Redirect, (await official.PostFormAsync("/Street/Needs", new() { ["MinMatters"] = "2", ["Days"] = "90" },
            "/Street/Needs?handler=Threshold")).StatusCode);
        var looser = await grain.GetNeedsAsync();
        Assert.Equal(new NeedThreshold(2, 90), looser.Threshold);
        Assert.Contains(looser.Needs, n => (n.Community, n.ServiceAreaCode) == ("勤勇村", "elderly"));
    }

    [SkippableFact]
    public async Task A_confirmed_need_linked_to_a_tender_is_shown_on_its_public_page_as_counts_only()
    {
        long street;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            street = (await scope.ServiceProvider.GetRequiredService<Marketplace.Web.Data.AppDbContext>().Streets.SingleAsync(s => s.Name == "东山街道")).Id;
        }
        var grains = Factory.Services.GetRequiredService<IGrainFactory>();
        var grids = grains.GetGrain<IStreetGridGrain>(street);
        var grid = (await grids.SaveAsync(new GridUnit(0, "百家湖社区第一网格", "百家湖社区", CommunityKind.Community, 300, "钱芳", "", []), (await grids.GetAsync()).Version, "东山街道 李晓梅")).Value!;
        string[] residents = ["陈奶奶", "蒋大爷", "韩阿姨"];
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await grains.GetGrain<IStreetMattersGrain>(street).ReportAsync(new MatterReport(grid.No, MatterSource.Resident, "老人需要助餐",
                "elderly", $"百家湖社区{i + 3}幢", "家中老人做饭困难，希望社区有助餐点或送餐服务。", [], [], residents[i], $"1390574200{i}"), "", "居民")).Succeeded);
        }
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        Task<HttpResponseMessage> Post(string handler, Dictionary<string, string> form) => official.PostFormAsync("/Street/Needs", form, $"/Street/Needs?handler={handler}");
        Dictionary<string, string> Need(params (string, string)[] more)
        {
            var form = new Dictionary<string, string> { ["Community"] = "百家湖社区", ["ServiceAreaCode"] = "elderly" };
            foreach (var (k, v) in more)
            {
                form[k] = v;
            }
            return form;
        }
        var tender = await Marketplace.Tests.Integration.Tendering.TenderForms.PublishAsync(official, DateTimeOffset.UtcNow, "需求关联测试 社区老年助餐服务");
        var link = $"Tender:{tender:N}";
        await ShownAsync(await Post("Link", Need(("Link", link))), "只有已确认的需求才能关联采购");
        Assert.Equal(HttpStatusCode.Redirect, (await Post("Review", Need(("Decision", "Confirmed"), ("Reason", "")))).StatusCode);
        await ShownAsync(await Post("Link", Need(("Link", $"Tender:{Guid.NewGuid():N}"))), "请选择本街道的购买服务事项、采购项目或公益创投");
        await ShownAsync(await Post("Link", Need(("Link", "乱填"))), "请选择本街道的购买服务事项、采购项目或公益创投");
        Assert.Equal(HttpStatusCode.Redirect, (await Post("Link", Need(("Link", link)))).StatusCode);
        await ShownAsync(await Post("Link", Need(("Link", link))), "该需求已关联此项目");
        Assert.Contains("回应项目：采购项目：需求关联测试 社区老年助餐服务", WebUtility.HtmlDecode(await official.GetHtmlAsync("/Street/Needs")));

        using var anonymous = new AppSession(Factory);
        var page = WebUtility.HtmlDecode(await anonymous.GetHtmlAsync($"/Tenders/Details/{tender}"));
        Assert.Contains("本项目回应的群众需求", page);
        Assert.Contains("百家湖社区 · 养老助残：群众反映3件", page);
        Assert.All([.. residents, "13905742000", "百家湖社区3幢"], p => Assert.DoesNotContain(p, page));
    }

    private static async Task ShownAsync(HttpResponseMessage response, params string[] texts)
    {
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var text in texts)
        {
            Assert.Contains(text, html);
        }
    }
}

public sealed class NeedsPageTests_Sqlite(GridSqliteApp app) : NeedsPageTests(app), IClassFixture<GridSqliteApp>;

public sealed class NeedsPageTests_Postgres(GridPostgresApp app) : NeedsPageTests(app), IClassFixture<GridPostgresApp>;
