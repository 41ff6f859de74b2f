using System.Net;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Marketplace.Tests.Integration.Tendering;

/// <summary>
/// Issue 15 scenario 3 in load-independent numbers: an expert's score save is one call to the tender, with no
/// read of the tender before it (before: the page's five reads, then the save, each save its own state write).
/// A fixture of its own: the drawn panel moves the app's clock past a deadline.
/// </summary>
public abstract class ExpertScoreCostTests(CountedApp app, ITestOutputHelper output)
{
    private MarketplaceAppFactory Factory => app.Require();

    private readonly RequestCost _cost = new(app, output);

    [SkippableFact]
    public async Task An_experts_score_save_is_one_call_to_the_tender_and_its_refusal_shows_beside_the_field()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await PanelForms.DrawnAsync(app, official, "调用计数 专家评分", "养老服务");
        var grain = Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenderGrain>(id);
        var member = (await grain.GetPanelAsync())!.Sitting.First();
        var uscc = (await grain.GetApplicantsAsync()).Value[0].Uscc;
        using var expert = await AppSession.LoginAsync(Factory, member.UserName!);
        var review = $"/Evaluator/Reviews/Review/{id}";
        await TenderForms.AssertRedirectAsync(await expert.PostFormAsync(review, [], review + "?handler=NoConflict"));
        var token = AppSession.AntiforgeryToken(await expert.GetHtmlAsync(review));
        FormUrlEncodedContent Sheet(string plan) => new([new("Points[plan]", plan), new("Points[team]", "18"), new("Points[exp]", "9"),
            new("Comments[plan]", ""), new("__RequestVerificationToken", token)]);

        var save = await _cost.MeasureAsync("POST score", () => expert.Http.PostAsync($"{review}?uscc={uscc}&handler=Score", Sheet("36")), HttpStatusCode.Redirect);
        // The save and the session stamp (before: GetInfo, GetPanel, GetApplicants, GetApplicationsForExpert and
        // GetExpertScores first, 7 calls); the one state write carrying it.
        Assert.Equal(["ITenderGrain.ScoreAsync"], save.GrainCalls.Where(c => c.StartsWith("ITenderGrain.", StringComparison.Ordinal)));
        RequestCost.AtMost(save, grainCalls: 2, commands: app.Target == DatabaseTarget.Sqlite ? 6 : 4, transactions: 1);
        Assert.Equal(36m, (await grain.GetExpertScoresAsync(member.UserName!))[uscc]["plan"].Points);

        // Over the criterion's maximum: the grain refuses, and only then the page reads its view to show why beside the field.
        var over = await expert.Http.PostAsync($"{review}?uscc={uscc}&handler=Score", Sheet("41"));
        Assert.Equal(HttpStatusCode.OK, over.StatusCode);
        Assert.Contains("“服务方案”的得分应在0至40分之间", await over.Content.ReadAsStringAsync());
        // Not a number: refused by the page with the criterion's name, nothing sent.
        var word = await _cost.MeasureAsync("POST score, not a number", () => expert.Http.PostAsync($"{review}?uscc={uscc}&handler=Score", Sheet("很好")), HttpStatusCode.OK);
        Assert.DoesNotContain("ITenderGrain.ScoreAsync", word.GrainCalls);
        Assert.Contains("“服务方案”请输入数字分值", await (await expert.Http.PostAsync($"{review}?uscc={uscc}&handler=Score", Sheet("很好"))).Content.ReadAsStringAsync());
        Assert.Equal(36m, (await grain.GetExpertScoresAsync(member.UserName!))[uscc]["plan"].Points);
    }
}

public sealed class ExpertScoreCostTests_Sqlite(SqliteCountedApp app, ITestOutputHelper output)
    : ExpertScoreCostTests(app, output), IClassFixture<SqliteCountedApp>;

public sealed class ExpertScoreCostTests_Postgres(PostgresCountedApp app, ITestOutputHelper output)
    : ExpertScoreCostTests(app, output), IClassFixture<PostgresCountedApp>;
