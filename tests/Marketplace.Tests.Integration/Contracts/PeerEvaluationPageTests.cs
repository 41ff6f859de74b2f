using System.Collections.Immutable;
using System.Net;
using Marketplace.Contracts;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Contracts;

/// <summary>互评 on its page: the assigned peer lists and scores the contract; refusals shown; everyone else gets 404.</summary>
public abstract class PeerEvaluationPageTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Yilin = "52320115MJ5K06310Y"; // 益邻 (login yilin), 东山街道, did not apply for the purchase

    private static string Peer(Guid id) => $"/Ngo/Contracts/Peer/{id}";

    internal static ImmutableDictionary<string, decimal> Sheet(decimal completion, decimal quality, decimal satisfaction, decimal finance, decimal archives) =>
        ImmutableDictionary<string, decimal>.Empty.Add("completion", completion).Add("quality", quality).Add("satisfaction", satisfaction)
            .Add("finance", finance).Add("archives", archives);

    private static Dictionary<string, string> Form(string completion, string quality = "25", string satisfaction = "17", string finance = "9", string archives = "8") => new()
    {
        ["Scores[completion]"] = completion, ["Scores[quality]"] = quality, ["Scores[satisfaction]"] = satisfaction,
        ["Scores[finance]"] = finance, ["Scores[archives]"] = archives,
    };

    [SkippableFact]
    public async Task The_assigned_peer_scores_on_its_page_with_refusals_shown_and_others_get_404()
    {
        var (id, _) = await ContractFlow.SignedAsync(Factory, app.Clock, "互评页面测试 居家养老上门服务");
        var contract = Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IContractGrain>(id);
        Assert.True((await contract.AssignAsync((await contract.GetAsync())!.DistrictId, [Yilin], ["pinggu.hengxin"], "admin.jiangning")).Succeeded);

        using var yilin = await AppSession.LoginAsync(Factory, "yilin");
        Assert.Contains(Peer(id), await yilin.GetHtmlAsync("/Ngo/Contracts/Peer"));

        // Before the organization's report is in, the sheet is refused at the top of the page.
        var early = await yilin.PostFormAsync(Peer(id), Form("26"), Peer(id) + "?handler=Score");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("承接机构尚未提交本期进度报告", await early.Content.ReadAsStringAsync());

        var report = new ReportDraft(2, 300, 10, ImmutableDictionary<string, int>.Empty, "上半年上门服务300人次，开展健康讲座10场", [], Sheet(27, 26, 18, 9, 9));
        Assert.True((await contract.FileReportAsync(ContractFlow.Qiming, report, "ngo.qiming")).Succeeded);

        // A score above the indicator's weight, and one that is not a number: beside their fields, nothing recorded.
        var above = await (await yilin.PostFormAsync(Peer(id), Form("31"), Peer(id) + "?handler=Score")).Content.ReadAsStringAsync();
        Assert.Contains("“服务完成度”的得分应在0至30分之间", above);
        var word = await (await yilin.PostFormAsync(Peer(id), Form("26", quality: "良"), Peer(id) + "?handler=Score")).Content.ReadAsStringAsync();
        Assert.Contains("请为“服务质量”打分（数字）", word);
        Assert.False((await contract.GetAsync())!.EvaluationOf(2)!.Scores.ContainsKey(EvaluationSource.Peer));

        await TenderForms.AssertRedirectAsync(await yilin.PostFormAsync(Peer(id), Form("26"), Peer(id) + "?handler=Score"));
        var peer = (await contract.GetAsync())!.EvaluationOf(2)!.Scores[EvaluationSource.Peer];
        Assert.Equal((85.00m, Yilin), (peer.Score, peer.By));
        Assert.Contains("贵单位已评 85.00 分", await yilin.GetHtmlAsync(Peer(id)));

        // The contractor itself, a competitor and an unassigned organization do not see it.
        foreach (var user in new[] { "ngo.qiming", "ngo.lejia", "tongxin" })
        {
            using var other = await AppSession.LoginAsync(Factory, user);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(Peer(id))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync("/Ngo/Contracts", Form("26"), Peer(id) + "?handler=Score")).StatusCode);
            Assert.DoesNotContain(id.ToString(), await other.GetHtmlAsync("/Ngo/Contracts/Peer"));
        }
    }
}

public sealed class PeerEvaluationPageTests_Sqlite(SqliteTenderApp app) : PeerEvaluationPageTests(app), IClassFixture<SqliteTenderApp>;

public sealed class PeerEvaluationPageTests_Postgres(PostgresTenderApp app) : PeerEvaluationPageTests(app), IClassFixture<PostgresTenderApp>;
