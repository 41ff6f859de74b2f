using System.Net;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Marketplace.Tests.Integration.Tendering;

/// <summary>
/// Issue 10 item 5, the street actions that need a drawn or scored panel or a failed purchase: 补抽, 重新抽取,
/// 确认中标, 答复质疑, 重新采购 and 转单一来源 are each one <c>ITenderGrain.ActAsStreetAsync</c>, bounded at what they cost
/// now (docs/ARCHITECTURE.md's data-flow table). A fixture of its own beside <see cref="RequestCostTests"/>: these
/// tenders hold 东山街道's budget too, and one street's year does not carry seven notices of ¥300,000.
/// </summary>
public abstract class StreetTenderActionCostTests(CountedApp app, ITestOutputHelper output)
{
    private MarketplaceAppFactory Factory => app.Require();

    private IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();

    private readonly RequestCost _cost = new(app, output);

    private bool Sqlite => app.Target == DatabaseTarget.Sqlite;

    private static async Task<string> TokenAsync(AppSession official, Guid id) =>
        AppSession.AntiforgeryToken(await official.GetHtmlAsync(PanelForms.Details(id)));

    [SkippableFact]
    public async Task Replacing_and_redrawing_a_panel_member_are_one_call_each()
    {
        var field = "调用计数-" + Guid.NewGuid().ToString("N")[..6];
        var jiangning = await PanelForms.ScalarAsync(Factory, db => db.Districts.Where(d => d.Name == "江宁区").Select(d => d.Id).SingleAsync());
        var pool = Grains.GetGrain<IExpertPoolGrain>(jiangning);
        // Four experts in the field, three drawn: one 补抽 uses the fourth, and the recorded order is spent.
        var zheng = await PanelForms.AddEvaluatorAsync(Factory, jiangning, "评审专家 郑强");
        foreach (var (name, account) in new[] { ("郑强", zheng), ("专家乙", $"{field}-乙"), ("专家丙", $"{field}-丙"), ("专家丁", $"{field}-丁") })
        {
            Assert.True((await pool.AddAsync(new ExpertDraft(name, field, "南京某高校", null, account, null, []))).Succeeded);
        }
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await PanelForms.DrawnAsync(app, official, "调用计数 补抽与重新抽取", field);
        var token = await TokenAsync(official, id);
        var drawn = (await Grains.GetGrain<ITenderGrain>(id).GetPanelAsync())!.Members;

        var replaced = drawn.First(m => m.UserName != zheng);
        var replace = await _cost.ActAsync(official, id, "Replace", token, [new("ReplaceReason", "电话三次无人接听")], query: $"&expertId={replaced.ExpertId}");
        RequestCost.OneCommand(replace);
        // The command, the district's pool and calendar (the newcomer's declaration deadline), and the session stamp;
        // the tender's state and its timer in one transaction (9 commands on SQLite, 5 batched on PostgreSQL).
        RequestCost.AtMost(replace, grainCalls: 4, commands: Sqlite ? 9 : 5, transactions: 1);

        // 郑强 sits now whichever way the draw fell; he declines, nobody is left in the order, and the district adds 吴敏.
        var review = $"/Evaluator/Reviews/Review/{id}";
        using (var expert = await AppSession.LoginAsync(Factory, zheng))
        {
            await TenderForms.AssertRedirectAsync(await expert.PostFormAsync(review, new() { ["DeclineReason"] = "评审当日另有公务" }, review + "?handler=Decline"));
        }
        var wu = await PanelForms.AddEvaluatorAsync(Factory, jiangning, "评审专家 吴敏");
        Assert.True((await pool.AddAsync(new ExpertDraft("吴敏", field, "南京师范大学社会发展学院", null, wu, null, []))).Succeeded);

        var redraw = await _cost.ActAsync(official, id, "Redraw", token, []);
        RequestCost.OneCommand(redraw);
        RequestCost.AtMost(redraw, grainCalls: 4, commands: Sqlite ? 9 : 5, transactions: 1); // as 补抽, with a new recorded seed
        Assert.Contains((await Grains.GetGrain<ITenderGrain>(id).GetPanelAsync())!.Sitting, m => m.UserName == wu);
    }

    [SkippableFact]
    public async Task Awarding_after_the_panel_scored_and_answering_an_objection_are_one_call_each()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await PanelForms.DrawnAsync(app, official, "调用计数 确认中标", "养老服务");
        await PanelForms.ScoreAsync(Factory, id);
        var token = await TokenAsync(official, id);

        var award = await _cost.ActAsync(official, id, "Award", token, [new("Winner", PanelForms.Lejia)]);
        RequestCost.OneCommand(award);
        // The command, the winner's eligibility in the directory, the encumbrance resized to the awarded price, the
        // 公示 period on the district's calendar, and the session stamp; the ledger and the tender (with its results).
        RequestCost.AtMost(award, grainCalls: 5, commands: Sqlite ? 28 : 15, transactions: 2);

        using var renai = await AppSession.LoginAsync(Factory, "ngo.renai");
        var apply = $"/Ngo/Tenders/Apply/{id}";
        await TenderForms.AssertRedirectAsync(await renai.PostFormAsync(apply, new() { ["ObjectionText"] = "我单位服务方案评分偏低，请复核评分" }, apply + "?handler=Object"));
        var objection = Assert.Single(await Grains.GetGrain<ITenderGrain>(id).GetObjectionsAsync());

        var answer = await _cost.ActAsync(official, id, "Answer", token, [new("Answer", "经评审小组复核，服务方案评分符合评分标准")], query: $"&objectionId={objection.Id}");
        RequestCost.OneCommand(answer);
        RequestCost.AtMost(answer, grainCalls: 2, commands: Sqlite ? 8 : 5, transactions: 1); // the command and the session stamp; the tender and the notice to the objector
    }

    [SkippableFact]
    public async Task Rerunning_a_failed_purchase_or_switching_it_to_single_source_is_one_call_each()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var failed = await PanelForms.FailedAsync(app, official, "调用计数 重新采购");
        var token = await TokenAsync(official, failed);

        var rerun = await _cost.ActAsync(official, failed, "Rerun", token, []);
        RequestCost.OneCommand(rerun);
        // The command, which creates the new draft (the new tender grain and its catalog item), and the session stamp.
        RequestCost.AtMost(rerun, grainCalls: 4, commands: Sqlite ? 13 : 9, transactions: 2);

        var other = await PanelForms.FailedAsync(app, official, "调用计数 转单一来源");
        var single = await _cost.ActAsync(official, other, "SingleSource", token,
            PanelForms.SingleSourceForm("260000", "该服务须与街道既有的居家养老信息平台对接，只能从唯一供应商处采购"));
        RequestCost.OneCommand(single);
        // The command, the organization's eligibility and its name, the catalog item, the new encumbrance, the 公示
        // period, and the session stamp; the ledger and the tender.
        RequestCost.AtMost(single, grainCalls: 7, commands: Sqlite ? 28 : 15, transactions: 2);
    }
}

public sealed class StreetTenderActionCostTests_Sqlite(SqliteCountedApp app, ITestOutputHelper output)
    : StreetTenderActionCostTests(app, output), IClassFixture<SqliteCountedApp>;

public sealed class StreetTenderActionCostTests_Postgres(PostgresCountedApp app, ITestOutputHelper output)
    : StreetTenderActionCostTests(app, output), IClassFixture<PostgresCountedApp>;
