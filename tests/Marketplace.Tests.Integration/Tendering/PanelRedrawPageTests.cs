using System.Net;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Tests.Integration.Tendering.PanelForms;

namespace Marketplace.Tests.Integration.Tendering;

/// <summary>
/// 重新抽取 through the street's tender page: the recorded order runs out and a seat stays empty; the district adds
/// an expert to its pool; the official redraws the seat with a new recorded seed, and the new member is timed and can declare.
/// </summary>
public abstract class PanelRedrawPageTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();

    private Task<HttpResponseMessage> RedrawAsync(AppSession official, Guid id) =>
        official.PostFormAsync(Details(id), [], Details(id) + "?handler=Redraw");

    [SkippableFact]
    public async Task When_the_order_runs_out_an_expert_added_to_the_pool_is_redrawn_into_the_empty_seat_and_declares()
    {
        var field = "重抽-" + Guid.NewGuid().ToString("N")[..6];
        var jiangning = await ScalarAsync(Factory, db => db.Districts.Where(d => d.Name == "江宁区").Select(d => d.Id).SingleAsync());
        var pool = Grains.GetGrain<IExpertPoolGrain>(jiangning);
        // Three experts in the field, all drawn; one of them declines on his review page and nobody is left to take his seat.
        var decliner = await AddEvaluatorAsync(Factory, jiangning, "评审专家 郑强");
        foreach (var (name, account) in new[] { ("郑强", decliner), ("专家乙", $"{field}-乙"), ("专家丙", $"{field}-丙") })
        {
            Assert.True((await pool.AddAsync(new ExpertDraft(name, field, "南京某高校", null, account, null, []))).Succeeded);
        }
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await DrawnAsync(app, official, "重新抽取测试", field);
        var review = $"/Evaluator/Reviews/Review/{id}";
        using (var zheng = await AppSession.LoginAsync(Factory, decliner))
        {
            await TenderForms.AssertRedirectAsync(await zheng.PostFormAsync(review, new() { ["DeclineReason"] = "评审当日另有公务" }, review + "?handler=Decline"));
        }
        var ranOut = await official.GetHtmlAsync(Details(id));
        Assert.Contains(PanelRoster.RanOutText(1), ranOut);
        Assert.Contains("从专家库重新抽取空缺席位", ranOut);

        // Nobody new in the pool: refused at the top of the page, saying why.
        var refused = await RedrawAsync(official, id);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(PanelRoster.NoOneToRedraw, await refused.Content.ReadAsStringAsync());

        // The district admin adds an expert with an account to the pool.
        var user = await AddEvaluatorAsync(Factory, jiangning, "评审专家 吴敏");
        using (var admin = await AppSession.LoginAsync(Factory, "admin.jiangning"))
        {
            await TenderForms.AssertRedirectAsync(await admin.PostFormAsync("/District/Experts",
                new() { ["Name"] = "吴敏", ["Field"] = field, ["Employer"] = "南京师范大学社会发展学院", ["UserName"] = user }, "/District/Experts?handler=Add"));
        }

        await TenderForms.AssertRedirectAsync(await RedrawAsync(official, id));

        var panel = (await Grains.GetGrain<ITenderGrain>(id).GetPanelAsync())!;
        var seat = panel.Members.Single(m => m.UserName == user);
        Assert.Equal((PanelMemberStatus.Drawn, 0), (seat.Status, panel.Vacancies));
        var redraw = Assert.Single(panel.Redraws);
        var page = await official.GetHtmlAsync(Details(id));
        Assert.DoesNotContain(PanelRoster.RanOutText(1), page);
        Assert.Contains($"随机种子 {redraw.Seed}（可据此复核抽取顺序）", page);
        Assert.Contains("原因：按记录的随机抽取顺序已无可补抽的专家，评审小组缺1名", page);
        Assert.Contains("由吴敏递补", page); // in 郑强's row, who declined
        // His declaration is timed like any drawn member's.
        var work = await ScalarAsync(Factory, db => db.ScheduledWork.AsNoTracking()
            .SingleAsync(w => w.Kind == ITenderTimers.DeclarationDueKind && w.SubjectId == $"{id}:{seat.ExpertId}"));
        Assert.Equal(seat.DeclareBy!.Value, work.DueAt, TimeSpan.FromMilliseconds(1));

        using var wu = await AppSession.LoginAsync(Factory, user);
        Assert.Contains("前声明，逾期未声明的将由抽取顺序中的下一位专家递补", await wu.GetHtmlAsync(review));
        await TenderForms.AssertRedirectAsync(await wu.PostFormAsync(review, [], review + "?handler=NoConflict"));
        Assert.Equal(PanelMemberStatus.Confirmed, (await Grains.GetGrain<ITenderGrain>(id).GetPanelAsync())!.Members.Single(m => m.UserName == user).Status);

        // Every seat is filled now: a second redraw is refused and says so.
        Assert.Contains(PanelRoster.NothingToRedraw, await (await RedrawAsync(official, id)).Content.ReadAsStringAsync());
    }
}

public sealed class PanelRedrawPageTests_Sqlite(SqliteTenderApp app) : PanelRedrawPageTests(app), IClassFixture<SqliteTenderApp>;

public sealed class PanelRedrawPageTests_Postgres(PostgresTenderApp app) : PanelRedrawPageTests(app), IClassFixture<PostgresTenderApp>;
