using System.Globalization;
using System.Net;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Rounds;

/// <summary>
/// Issue 13 item 1: the organizer sets the round's own scoring criteria with weights, the matching-funds rule (配套资金),
/// an optional roadshow (路演) with its time and place, and the signing deadline on the round form; a bad one is refused
/// beside its field with nothing saved, and a draft's edit form shows what was saved.
/// </summary>
public abstract class RoundFormTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private static string Local(DateTimeOffset t) => t.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The message sits in the form between the field's input and the next field's input.</summary>
    private static void Beside(string html, string field, string next, string message)
    {
        var at = html.IndexOf(message, StringComparison.Ordinal);
        Assert.True(at >= 0, $"“{message}” is not on the page");
        Assert.InRange(at, html.IndexOf($"id=\"Input_{field}\"", StringComparison.Ordinal), html.IndexOf($"id=\"Input_{next}\"", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_street_sets_criteria_matching_funds_a_roadshow_and_signing_days_and_bad_ones_are_refused_beside_them()
    {
        using var official = await AppSession.LoginAsync(Factory, "moling");
        var now = app.Clock.GetUtcNow();
        var title = "秣陵街道公益创投（评审指标与路演）";
        var form = new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Theme"] = "助力街道服务", ["Input.Categories"] = "为老服务、社区治理",
            ["Input.Pool"] = "100000", ["Input.Cap"] = "50000", ["Input.MinScore"] = "60", ["Input.PerOrganizationLimit"] = "2",
            ["Input.OpensAt"] = Local(now.AddMinutes(-5)), ["Input.Deadline"] = Local(now.AddDays(7)), ["Input.ServiceAreaCode"] = "elderly",
            ["Input.Source"] = "WelfareLottery",
            ["Input.Criteria"] = "需求评估 20、项目设计 30、团队能力 20、社区参与 20", ["Input.MatchingPercent"] = "20",
            ["Input.RoadshowAt"] = Local(now.AddDays(10)), ["Input.RoadshowPlace"] = "秣陵街道社会组织服务中心", ["Input.SigningDays"] = "45",
        };
        async Task<string> RefusedAsync()
        {
            var response = await official.PostFormAsync("/Street/Rounds", form, "/Street/Rounds?handler=Create");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        Beside(await RefusedAsync(), "Criteria", "MatchingPercent", "评审指标分值合计应为100分，现为90分");
        form["Input.Criteria"] = "需求评估 20、项目设计";
        Beside(await RefusedAsync(), "Criteria", "MatchingPercent", "评审指标“项目设计”应写成名称加分值");
        form["Input.Criteria"] = "需求评估 20、项目设计 30、团队能力 20、社区参与 30";
        form["Input.MatchingPercent"] = "120";
        Beside(await RefusedAsync(), "MatchingPercent", "RoadshowAt", "配套资金比例应在0至100%之间");
        form["Input.MatchingPercent"] = "20";
        form["Input.RoadshowAt"] = Local(now.AddDays(3)); // before the deadline
        Beside(await RefusedAsync(), "RoadshowAt", "RoadshowPlace", "路演应在申报截止之后，并填写地点");
        form["Input.RoadshowAt"] = "";
        Beside(await RefusedAsync(), "RoadshowAt", "RoadshowPlace", "不举行路演则时间和地点都不填");
        form["Input.RoadshowAt"] = Local(now.AddDays(10));
        form["Input.SigningDays"] = "200";
        Beside(await RefusedAsync(), "SigningDays", "Source", "签约期限应在1至180日之间");
        var html = await official.GetHtmlAsync("/Street/Rounds");
        Assert.DoesNotContain(title, html); // nothing saved by any refusal

        form["Input.SigningDays"] = "45";
        var created = await official.PostFormAsync("/Street/Rounds", form, "/Street/Rounds?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var details = created.Headers.Location!.OriginalString;
        var id = Guid.Parse(details.Split('/').Last());
        var settings = (await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IVentureRoundGrain>(id).GetInfoAsync())!.Settings;
        // A default criterion keeps its code (scores read the same); an own one is numbered.
        Assert.Equal(["need:需求评估:20", "design:项目设计:30", "team:团队能力:20", "c4:社区参与:30"],
            settings.Criteria.Select(c => $"{c.Code}:{c.Name}:{c.Weight.ToString("0.##", CultureInfo.InvariantCulture)}"));
        Assert.Equal(20m, settings.MatchingPercent);
        Assert.Equal("秣陵街道社会组织服务中心", settings.Roadshow!.Place);
        Assert.Equal(Local(now.AddDays(10)), Local(settings.Roadshow.At));
        Assert.Equal(45, settings.SigningDaysOrDefault);

        // The draft's edit form shows what was saved.
        var page = await official.GetHtmlAsync(details);
        Assert.Contains("需求评估 20、项目设计 30、团队能力 20、社区参与 30", page);
        Assert.Contains("秣陵街道社会组织服务中心", page);
        Assert.Contains("value=\"45\"", page);
    }
}

public sealed class RoundFormTests_Sqlite(SqliteTenderApp app) : RoundFormTests(app), IClassFixture<SqliteTenderApp>;

public sealed class RoundFormTests_Postgres(PostgresTenderApp app) : RoundFormTests(app), IClassFixture<PostgresTenderApp>;
