using System.Net;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;

namespace Marketplace.Tests.Integration.Rounds;

/// <summary>
/// The pages around 立项公示 (walked for Refusals/RefusalWalkTests): the NGO accepts an adjusted amount, a district
/// organization objects to a funded project, the organizer upholds it and the project's funding is withdrawn; releasing money before the contracts stage is refused.
/// Each refusal is shown on the page with its reason and changes nothing.
/// </summary>
public abstract class RoundObjectionPagesTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    [SkippableFact]
    public async Task An_adjusted_amount_is_accepted_an_objection_upheld_and_the_project_withdrawn_with_each_refusal_on_the_page()
    {
        var (round, organizer, lejia, renai) = await RoundFlow.SelectedAsync(Factory, app.Clock, "秣陵街道公益创投（异议测试）", "秣陵街道");
        var id = round.GetPrimaryKey();
        var ngoPage = $"/Ngo/Rounds/Details/{id}";
        var streetPage = $"/Street/Rounds/Details/{id}";
        RoundFlow.Ok((await round.AdjustAsync(organizer, renai, Money.FromYuan(25_000m), "场地由社区无偿提供，核减场地费", "moling")).Errors);

        // 仁爱 answers the adjusted amount of its own project; a second answer is refused on the page.
        using var renaiSession = await AppSession.LoginAsync(Factory, "ngo.renai");
        var pending = await renaiSession.GetHtmlAsync(ngoPage);
        Assert.Contains("待确认的调整金额：助残融合 社区康复", pending);
        Assert.Contains("场地由社区无偿提供，核减场地费", pending);
        var answer = new Dictionary<string, string> { ["applicationId"] = renai.ToString(), ["accept"] = "true" };
        Assert.Equal(HttpStatusCode.Redirect, (await renaiSession.PostFormAsync(ngoPage, answer, ngoPage + "?handler=Respond")).StatusCode);
        var twice = await renaiSession.PostFormAsync(ngoPage, answer, ngoPage + "?handler=Respond");
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("没有待确认的调整金额", await twice.Content.ReadAsStringAsync());
        RoundFlow.Ok((await round.PublishSelectionAsync(organizer, "moling")).Errors);

        // 启明, an organization of the district that did not apply, objects during 立项公示.
        using var qiming = await AppSession.LoginAsync(Factory, "ngo.qiming");
        var objection = new Dictionary<string, string> { ["applicationId"] = lejia.ToString(), ["text"] = "太短" };
        var shortText = await qiming.PostFormAsync(ngoPage, objection, ngoPage + "?handler=Object");
        Assert.Contains("请写明异议的事实和理由（不少于10字）", await shortText.Content.ReadAsStringAsync());
        Assert.Empty((await round.GetApplicantViewAsync("52320115MJ5K631475")).Objections);
        objection["text"] = "该项目服务对象与本组织在同一社区已资助的项目重复，且团队持证社工人数不实";
        Assert.Equal(HttpStatusCode.Redirect, (await qiming.PostFormAsync(ngoPage, objection, ngoPage + "?handler=Object")).StatusCode);
        Assert.Contains("待答复", await qiming.GetHtmlAsync(ngoPage));

        // The organizer answers: without a text it is refused; upheld, 乐家's funding is withdrawn.
        using var official = await AppSession.LoginAsync(Factory, "moling");
        Assert.Contains("团队持证社工人数不实", await official.GetHtmlAsync(streetPage));
        var decide = new Dictionary<string, string> { ["no"] = "1", ["upheld"] = "true", ["answer"] = "" };
        var empty = await official.PostFormAsync(streetPage, decide, streetPage + "?handler=Answer");
        Assert.Contains("请填写答复意见", await empty.Content.ReadAsStringAsync());
        Assert.Contains(lejia, (await round.GetPublicAsync())!.Funded.Select(f => f.ApplicationId));
        decide["answer"] = "经核实，该项目持证社工人数与申报不符，异议成立";
        Assert.Equal(HttpStatusCode.Redirect, (await official.PostFormAsync(streetPage, decide, streetPage + "?handler=Answer")).StatusCode);

        var shown = (await round.GetPublicAsync())!;
        Assert.Equal([(renai, Money.FromYuan(25_000m))], shown.Funded.Select(f => (f.ApplicationId, f.Amount)));
        Assert.Contains("异议成立：经核实，该项目持证社工人数与申报不符，异议成立", await qiming.GetHtmlAsync(ngoPage));
        var again = await official.PostFormAsync(streetPage, decide, streetPage + "?handler=Answer");
        Assert.Contains("该异议已答复", await again.Content.ReadAsStringAsync());

        // Releasing a project's money before the contracts stage is refused on the page.
        var early = await official.PostFormAsync(streetPage, new() { ["applicationId"] = renai.ToString(), ["reason"] = "逾期未签订合同" }, streetPage + "?handler=Release");
        Assert.Contains("只能释放已立项项目的资金", await early.Content.ReadAsStringAsync());

        // Another district's official finds neither page.
        using var yuehe = await AppSession.LoginAsync(Factory, "yuehe");
        Assert.Equal(HttpStatusCode.NotFound, (await yuehe.GetAsync(streetPage)).StatusCode);
    }
}

public sealed class RoundObjectionPagesTests_Sqlite(SqliteTenderApp app) : RoundObjectionPagesTests(app), IClassFixture<SqliteTenderApp>;

public sealed class RoundObjectionPagesTests_Postgres(PostgresTenderApp app) : RoundObjectionPagesTests(app), IClassFixture<PostgresTenderApp>;
