using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Tendering;

/// <summary>
/// 我的申请: an organization lists its own applications with status, deadline, price and result, and the
/// objections (质疑) it filed with the street's answers; no other organization's.
/// </summary>
public abstract class MyApplicationsTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    [SkippableFact]
    public async Task An_organization_sees_its_own_applications_and_their_result_and_no_one_elses()
    {
        var title = "我的申请 " + Guid.NewGuid().ToString("N")[..6];
        Guid id;
        using (var official = await AppSession.LoginAsync(Factory, "dongshan"))
        {
            id = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), title);
        }
        using (var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia"))
        {
            await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(lejia, id, "265432.10", "我的申请方案"));
            var mine = await lejia.GetHtmlAsync("/Ngo/Tenders");
            Assert.Contains(title, mine);
            Assert.Contains("265,432.10", mine);
            Assert.Contains("待评审", mine);
        }
        using (var renai = await AppSession.LoginAsync(Factory, "ngo.renai"))
        {
            var theirs = await renai.GetHtmlAsync("/Ngo/Tenders");
            Assert.DoesNotContain(title, theirs);
            Assert.DoesNotContain("265,432.10", theirs);
        }

        var grain = Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenderGrain>(id);
        app.Clock.Advance((await grain.GetInfoAsync())!.Notice.Deadline - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await grain.CloseAsync(); // one application where two are required: the purchase fails
        using var again = await AppSession.LoginAsync(Factory, "ngo.lejia");
        var after = await again.GetHtmlAsync("/Ngo/Tenders");
        Assert.Contains(title, after);
        Assert.Contains("采购未成交", after);
    }

    private const string Lejia = PanelForms.Lejia;

    [SkippableFact]
    public async Task An_objection_shows_on_my_applications_as_filed_then_with_the_streets_answer()
    {
        var title = "质疑答复 " + Guid.NewGuid().ToString("N")[..6];
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), title);
        using var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia");
        using var renai = await AppSession.LoginAsync(Factory, "ngo.renai");
        await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(lejia, id, "250000", "每周一次上门探访"));
        await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(renai, id, "280000", "每周两次电话问候"));
        await AwardToLejiaAsync(official, id);

        // 仁爱 (not awarded) objects during 公示; the page's row says it is not answered yet.
        var apply = $"/Ngo/Tenders/Apply/{id}";
        const string text = "我单位服务经验评分偏低，请复核评分";
        await TenderForms.AssertRedirectAsync(await renai.PostFormAsync(apply, new() { ["ObjectionText"] = text }, apply + "?handler=Object"));
        var filed = Row(await renai.GetHtmlAsync("/Ngo/Tenders"), title);
        Assert.Contains("未中标", filed);
        Assert.Contains($"：{text}<br />答复：尚未答复", filed);
        Assert.DoesNotContain(text, Row(await lejia.GetHtmlAsync("/Ngo/Tenders"), title)); // another organization's objection

        var objection = Assert.Single(await Grains.GetGrain<ITenderGrain>(id).GetObjectionsAsync());
        const string answer = "经评审小组复核，服务经验评分符合评分标准";
        var details = $"/Street/Tenders/Details/{id}";
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync(details, new() { ["Answer"] = answer },
            $"{details}?handler=Answer&objectionId={objection.Id}"));

        var answered = Row(await renai.GetHtmlAsync("/Ngo/Tenders"), title);
        Assert.Contains($"：{text}<br />答复：{answer}", answered);
        Assert.DoesNotContain("尚未答复", answered);
    }

    private IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The row of one tender in the 我的申请 table.</summary>
    private static string Row(string html, string title)
    {
        var start = html.IndexOf(title, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{title} is not listed");
        var end = html.IndexOf("</tr>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    /// <summary>Closes the tender, lets the demo panel declare and score through their pages, and awards 乐家.</summary>
    private async Task AwardToLejiaAsync(AppSession official, Guid id)
    {
        var grain = Grains.GetGrain<ITenderGrain>(id);
        app.Clock.Advance((await grain.GetInfoAsync())!.Notice.Deadline - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        var details = $"/Street/Tenders/Details/{id}";
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync(details, [], details + "?handler=Close"));
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync(details, new() { ["PanelSize"] = "3" }, details + "?handler=Panel"));
        await PanelForms.ScoreAsync(Factory, id);
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync(details, new() { ["Winner"] = Lejia }, details + "?handler=Award"));
        Assert.Equal(TenderStatus.Publicity, (await grain.GetInfoAsync())!.Status);
    }
}


public sealed class MyApplicationsTests_Sqlite(SqliteTenderApp app) : MyApplicationsTests(app), IClassFixture<SqliteTenderApp>;

public sealed class MyApplicationsTests_Postgres(PostgresTenderApp app) : MyApplicationsTests(app), IClassFixture<PostgresTenderApp>;
