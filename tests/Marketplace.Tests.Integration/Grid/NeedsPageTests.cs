using System.Net;
using Marketplace.Grid;
using Marketplace.Tests.Integration.Infrastructure;
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
