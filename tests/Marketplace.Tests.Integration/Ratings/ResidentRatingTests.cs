using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Marketplace.Contracts;
using Marketplace.Tests.Integration.Contracts;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Ratings;

/// <summary>群众评 from residents: per-device limit, unknown contract, one rating per phone per period, moderation, and the evaluation it feeds.</summary>
public abstract class ResidentRatingTests(RatingApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Yilin = "52320115MJ5K06310Y";

    private static string Rate(Guid id) => $"/Contracts/{id}/Rate";

    private static string Phone(int n) => "139" + n.ToString("D8", CultureInfo.InvariantCulture);

    private IContractGrain Contract(Guid id) => Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IContractGrain>(id);
    private IContractRatingsGrain Ratings(Guid id) => Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IContractRatingsGrain>(id);

    /// <summary>As a resident does: ask for the code, read it off the phone, submit. The code step's page when it is refused.</summary>
    private async Task<HttpResponseMessage> RateAsync(AppSession resident, Guid id, string phone, int stars, string comment = "")
    {
        var form = new Dictionary<string, string> { ["Phone"] = phone, ["Stars"] = stars.ToString(CultureInfo.InvariantCulture), ["Comment"] = comment };
        var asked = await resident.PostFormAsync(Rate(id), form, Rate(id) + "?handler=Code");
        if (asked.StatusCode != HttpStatusCode.OK || !(await asked.Content.ReadAsStringAsync()).Contains("验证码已发送"))
        {
            return asked;
        }
        form["Code"] = app.Codes.Last(phone);
        return await resident.PostFormAsync(Rate(id), form, Rate(id) + "?handler=Submit");
    }

    private Task<(Guid Id, long StreetId)> SignedAsync(string title) => ContractFlow.SignedAsync(Factory, app.Clock, title);

    [SkippableFact]
    public async Task The_eleventh_rating_from_one_device_in_a_minute_gets_429_and_another_device_still_rates()
    {
        var (id, _) = await SignedAsync("居民评价限流测试 居家养老上门服务");
        using var device = new AppSession(Factory);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(device, id, Phone(i), 5)).StatusCode);
        }
        var eleventh = await RateAsync(device, id, Phone(10), 5);
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.Contains("操作过于频繁", await eleventh.Content.ReadAsStringAsync());

        using var other = new AppSession(Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(other, id, Phone(11), 4)).StatusCode);
        Assert.Equal(11, (await Ratings(id).SummaryAsync("2:1")).Count);
    }

    [SkippableFact]
    public async Task A_rating_for_an_unknown_contract_gets_404()
    {
        var (id, _) = await SignedAsync("居民评价未知合同测试 居家养老上门服务");
        using var resident = new AppSession(Factory);
        var unknown = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync(Rate(unknown))).StatusCode);
        var form = new Dictionary<string, string> { ["Phone"] = Phone(1), ["Stars"] = "5", ["Code"] = "123456" };
        Assert.Equal(HttpStatusCode.NotFound, (await resident.PostFormAsync(Rate(id), form, Rate(unknown) + "?handler=Code")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.PostFormAsync(Rate(id), form, Rate(unknown) + "?handler=Submit")).StatusCode);
        Assert.Equal(0, (await Ratings(unknown).SummaryAsync("2:1")).Count);
    }

    [SkippableFact]
    public async Task A_second_rating_by_the_same_phone_in_the_period_replaces_nothing_and_says_so()
    {
        var (id, _) = await SignedAsync("居民评价重复测试 居家养老上门服务");
        using var resident = new AppSession(Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(resident, id, Phone(7), 5)).StatusCode);

        // Asking again for a code, or submitting with the first code again from another device: refused, said on the page.
        var again = await RateAsync(resident, id, Phone(7), 1);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(ResidentRatings.AlreadyRated, await again.Content.ReadAsStringAsync());
        using var other = new AppSession(Factory);
        var replay = await other.PostFormAsync(Rate(id), new() { ["Phone"] = "139 0000 0007", ["Stars"] = "1", ["Code"] = app.Codes.Last(Phone(7)) },
            Rate(id) + "?handler=Submit");
        Assert.Contains(ResidentRatings.AlreadyRated, await replay.Content.ReadAsStringAsync());

        var summary = await Ratings(id).SummaryAsync("2:1");
        Assert.Equal((1, 5.00m, 100.00m), (summary.Count, summary.MeanStars!.Value, summary.Score!.Value));
    }

    [SkippableFact]
    public async Task The_ratings_become_the_contracts_public_score_with_their_sample_size_and_comments_wait_for_moderation()
    {
        var (id, streetId) = await SignedAsync("居民评价计分测试 居家养老上门服务");
        var contract = Contract(id);
        Assert.True((await contract.AssignAsync((await contract.GetAsync())!.DistrictId, [Yilin], ["pinggu.hengxin"], "admin.jiangning")).Succeeded);
        var report = new ReportDraft(2, 300, 10, ImmutableDictionary<string, int>.Empty, "上半年上门服务300人次，开展健康讲座10场", [],
            PeerEvaluationPageTests.Sheet(27, 26, 18, 9, 9));
        Assert.True((await contract.FileReportAsync(ContractFlow.Qiming, report, "ngo.qiming")).Succeeded);

        using var resident = new AppSession(Factory);
        const string Comment = "社工每周上门，老人很满意";
        Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(resident, id, Phone(21), 4, Comment)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(resident, id, Phone(22), 5)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(resident, id, Phone(23), 3)).StatusCode);

        // The comment is not public until the street publishes it; the phone never is.
        Assert.DoesNotContain(Comment, await resident.GetHtmlAsync(Rate(id)));
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var moderation = $"/Street/Contracts/Ratings/{id}";
        var pending = await official.GetHtmlAsync(moderation);
        Assert.Contains(Comment, pending);
        Assert.Contains("139****0021", pending);
        var ratingId = (await Ratings(id).ForStreetAsync(streetId))!.Value.Single(r => r.Comment == Comment).Id;
        var action = $"{moderation}?handler=Moderate&rating={ratingId}";
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync(moderation, new() { ["publish"] = "true" }, action));
        Assert.Contains("该留言已审核", await (await official.PostFormAsync(moderation, new() { ["publish"] = "false" }, action)).Content.ReadAsStringAsync());
        var page = await resident.GetHtmlAsync(Rate(id));
        Assert.Contains(Comment, page);
        Assert.DoesNotContain("0021", page);
        // The 服务公示牌 posted at the service carries the rating link and its QR code.
        var pdf = await (await official.GetAsync($"/Street/Contracts/Details/{id}?handler=ServiceNoticePdf")).Content.ReadAsByteArrayAsync();
        var notice = Reports.PdfText.All(pdf);
        Assert.Contains($"/Contracts/{id}/Rate", notice);
        Assert.Contains("居民评价二维码", notice);
        // The QR decoded from the squares the PDF draws (not the link printed beside them) opens this contract's rating page.
        var scanned = Reports.PdfQr.Decode(pdf);
        Assert.Equal(new Uri(resident.Http.BaseAddress!, Rate(id)).AbsoluteUri, scanned);
        using var phone = new AppSession(Factory);
        var opened = await phone.GetAsync(new Uri(scanned!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("居民评价计分测试 居家养老上门服务", await opened.Content.ReadAsStringAsync());
        using var moling = await AppSession.LoginAsync(Factory, "moling");
        Assert.Equal(HttpStatusCode.NotFound, (await moling.GetAsync(moderation)).StatusCode);

        // The evaluator sees the residents' score instead of a survey form; scoring the rest decides with it.
        using var evaluator = await AppSession.LoginAsync(Factory, "pinggu.hengxin");
        var sheet = await evaluator.GetHtmlAsync($"/Evaluator/Evaluations/{id}");
        Assert.Contains("本期居民评价 3 份，平均 4.00 星，折合 80.00 分（样本量 3）", sheet);
        Assert.DoesNotContain("id=\"mean\"", sheet);
        Assert.True((await contract.ScoreAsync(2, EvaluationSource.Peer, Yilin, PeerEvaluationPageTests.Sheet(26, 25, 17, 9, 8), null)).Succeeded);
        Assert.True((await contract.ScoreAsync(2, EvaluationSource.ThirdParty, "pinggu.hengxin", PeerEvaluationPageTests.Sheet(27, 25, 17, 9, 8), null)).Succeeded);
        var decided = (await contract.GetAsync())!.Evaluations.Single(e => e.TrancheNo == 2 && e.Round == 1);
        var residents = decided.Scores[EvaluationSource.Public];
        Assert.Equal((80.00m, 3, "居民评价"), (residents.Score, residents.SampleSize!.Value, residents.By));
        // 89×10% + 85×10% + 80×30% + 86×50% = 84.40 良好
        Assert.Equal((84.40m, EvaluationGrade.Good), (decided.Total!.Value, decided.Grade!.Value));
    }
}

public sealed class ResidentRatingTests_Sqlite(SqliteRatingApp app) : ResidentRatingTests(app), IClassFixture<SqliteRatingApp>;

public sealed class ResidentRatingTests_Postgres(PostgresRatingApp app) : ResidentRatingTests(app), IClassFixture<PostgresRatingApp>;
