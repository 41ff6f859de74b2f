using System.Net;
using System.Text.Json;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Rounds;

/// <summary>/Rounds, the round page and GET /api/public/rounds on the real app: drafts hidden, proposals never shown.</summary>
public abstract class PublicRoundsTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private async Task<(long Street, long District)> StreetAsync(string name)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var s = await db.Streets.Where(x => x.Name == name).Select(x => new { x.Id, x.DistrictId }).SingleAsync();
        return (s.Id, s.DistrictId);
    }

    private RoundSettings Settings(string title) => new(title, "百个公益项目助力街道服务", RoundSettings.DefaultCategories,
        Money.FromYuan(180_000m), FundingSource.WelfareLottery, Money.FromYuan(50_000m), 60m, 2,
        app.Clock.GetUtcNow().AddMinutes(-1), app.Clock.GetUtcNow().AddDays(10), RoundSettings.DefaultCriteria, null, 0m, "elderly", [],
        ChinaTime.Year(app.Clock.GetUtcNow()));

    [SkippableFact]
    public async Task An_open_round_is_public_with_its_pool_and_cap_and_a_draft_is_not()
    {
        var (street, district) = await StreetAsync("东山街道");
        var grains = Factory.Services.GetRequiredService<IGrainFactory>();
        var organizer = new RoundOrganizer(district, street);
        var open = grains.GetGrain<IVentureRoundGrain>(Guid.NewGuid());
        var created = await open.CreateAsync(organizer, Settings("东山街道公益创投（公开测试）"), "dongshan");
        var opened = await open.OpenAsync(organizer, created.Value!.Version, "dongshan");
        Assert.True(opened.Succeeded, string.Join("; ", opened.Errors.Select(e => e.Message)));
        var draft = grains.GetGrain<IVentureRoundGrain>(Guid.NewGuid());
        Assert.True((await draft.CreateAsync(organizer, Settings("东山街道公益创投（草稿）"), "dongshan")).Succeeded);

        using var anonymous = new AppSession(Factory);
        var json = JsonDocument.Parse(await anonymous.Http.GetStringAsync($"/api/public/rounds?district={district}"));
        var rounds = json.RootElement.EnumerateArray().ToList();
        var shown = Assert.Single(rounds, r => r.GetProperty("roundId").GetGuid() == open.GetPrimaryKey());
        Assert.Equal("180000.00", shown.GetProperty("pool").GetString());
        Assert.Equal("50000.00", shown.GetProperty("cap").GetString());
        Assert.Equal("申报中", shown.GetProperty("status").GetString());
        Assert.Equal("东山街道", shown.GetProperty("organizer").GetString());
        Assert.Empty(shown.GetProperty("funded").EnumerateArray());
        Assert.DoesNotContain(rounds, r => r.GetProperty("roundId").GetGuid() == draft.GetPrimaryKey());

        var list = await anonymous.Http.GetStringAsync("/Rounds");
        Assert.Contains("东山街道公益创投（公开测试）", list);
        Assert.DoesNotContain("东山街道公益创投（草稿）", list);
        Assert.Contains("¥180000.00", await anonymous.Http.GetStringAsync($"/Rounds/Details/{open.GetPrimaryKey()}"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/Rounds/Details/{draft.GetPrimaryKey()}")).StatusCode);
    }

    [SkippableFact]
    public async Task The_publicity_pdf_and_the_selection_workbook_show_the_funded_projects_and_none_exist_before_publicity()
    {
        var (round, _) = await RoundFlow.PublishedAsync(Factory, app.Clock, "谷里街道公益创投（公示文件测试）");
        var id = round.GetPrimaryKey();
        using var anonymous = new AppSession(Factory);

        var pdf = await anonymous.Http.GetAsync($"/Rounds/Details/{id}?handler=Pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var text = Reports.PdfText.All(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("谷里街道公益创投（公示文件测试）立项公示", text);
        Assert.Contains("南京市江宁区谷里街道办事处", text);
        Assert.Contains("1邻里守望 居家探访为老服务江宁区乐家社会工作服务中心（52320115MJ5K41253H）50,000.0090.00", text);
        Assert.Contains("2助残融合 社区康复为老服务江宁区仁爱社会工作服务社（52320115MJ5K526814）30,000.0080.00", text);
        var experts = (await round.GetPublicAsync())!.Experts;
        Assert.Contains(string.Join("、", experts), text);
        Assert.Contains("个工作日", text);

        var xlsx = await anonymous.Http.GetAsync($"/Rounds/Details/{id}?handler=Xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        using var book = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        var cells = book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>()
            .Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
        Assert.Equal([("1", Lejia, "50000.00", "90.00"), ("2", Renai, "30000.00", "80.00")], cells.Skip(1).Select(r => (r[0], r[4], r[5], r[6])));

        // An open round has no 立项公示 yet: neither file exists.
        var (street, district) = await StreetAsync("东山街道");
        var open = Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IVentureRoundGrain>(Guid.NewGuid());
        var created = await open.CreateAsync(new RoundOrganizer(district, street), Settings("东山街道公益创投（未公示）") with { Pool = Money.FromYuan(10_000m), Cap = Money.FromYuan(10_000m) }, "dongshan");
        Assert.True((await open.OpenAsync(new RoundOrganizer(district, street), created.Value!.Version, "dongshan")).Succeeded);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/Rounds/Details/{open.GetPrimaryKey()}?handler=Pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/Rounds/Details/{open.GetPrimaryKey()}?handler=Xlsx")).StatusCode);
    }

    private const string Lejia = RoundFlow.Lejia, Renai = RoundFlow.Renai;

    private static string Local(DateTimeOffset t) => t.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task A_street_official_creates_and_opens_a_round_and_bad_input_is_refused_beside_its_field()
    {
        using var official = await AppSession.LoginAsync(Factory, "moling");
        var now = app.Clock.GetUtcNow();
        var form = new Dictionary<string, string>
        {
            ["Input.Title"] = "秣陵街道公益创投（页面测试）", ["Input.Theme"] = "助力街道服务", ["Input.Categories"] = "为老服务、助残服务",
            ["Input.Pool"] = "40000", ["Input.Cap"] = "50000", ["Input.MinScore"] = "60", ["Input.PerOrganizationLimit"] = "2",
            ["Input.OpensAt"] = Local(now.AddMinutes(-5)), ["Input.Deadline"] = Local(now.AddDays(7)), ["Input.ServiceAreaCode"] = "elderly",
            ["Input.Source"] = "WelfareLottery",
        };
        var refused = await official.PostFormAsync("/Street/Rounds", form, "/Street/Rounds?handler=Create");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("不能小于单个项目资助上限", await refused.Content.ReadAsStringAsync());

        form["Input.Pool"] = "100000";
        var created = await official.PostFormAsync("/Street/Rounds", form, "/Street/Rounds?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var details = created.Headers.Location!.OriginalString;
        var id = Guid.Parse(details.Split('/').Last());
        var version = (await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IVentureRoundGrain>(id).GetInfoAsync())!.Version;
        var opened = await official.PostFormAsync(details, new() { ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, details + "?handler=Open");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Contains("申报中", await official.GetHtmlAsync(details));

        // Another street's official: the round is not found.
        using var other = await AppSession.LoginAsync(Factory, "dongshan");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(details)).StatusCode);

        // An organization applies: a request over the cap and a budget table not summing to it are refused beside their fields.
        using var ngo = await AppSession.LoginAsync(Factory, "ngo.lejia");
        var apply = $"/Ngo/Rounds/Apply/{id}";
        var proposal = new Dictionary<string, string>
        {
            ["Input.Title"] = "银龄互助", ["Input.Category"] = "为老服务", ["Input.Request"] = "60000", ["Input.TargetBeneficiaries"] = "独居老人",
            ["Input.Beneficiaries"] = "0", ["Input.Outcomes"] = "走访 600 人次", ["Input.Team"] = "社工 3 名", ["Input.CertifiedSocialWorkers"] = "2",
            ["Input.MatchingFunds"] = "0", ["Input.LineCategory[0]"] = "人员费", ["Input.LineItem[0]"] = "社工补贴", ["Input.LineAmount[0]"] = "30000",
        };
        var bad = await (await ngo.PostFormAsync(apply, proposal)).Content.ReadAsStringAsync();
        Assert.Contains("超过单个项目上限 ¥50,000.00", bad);
        Assert.Contains("受益人数应大于0", bad);
        proposal["Input.Request"] = "40000";
        proposal["Input.Beneficiaries"] = "150";
        Assert.Contains("预算明细合计 ¥30,000.00 应等于申请资助金额 ¥40,000.00", await (await ngo.PostFormAsync(apply, proposal)).Content.ReadAsStringAsync());
        Assert.DoesNotContain("银龄互助", await ngo.GetHtmlAsync("/Ngo/Rounds")); // nothing saved
        proposal["Input.LineAmount[0]"] = "40000";
        Assert.Equal(HttpStatusCode.Redirect, (await ngo.PostFormAsync(apply, proposal)).StatusCode);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(await ngo.GetHtmlAsync("/Ngo/Rounds"), "银龄互助"));
        // Sealed: the official's page shows no proposal before the deadline.
        Assert.DoesNotContain("银龄互助", await official.GetHtmlAsync(details));
    }

    [SkippableFact]
    public async Task Before_the_deadline_a_proposal_is_seen_by_its_applicant_only()
    {
        var (street, district) = await StreetAsync("东山街道");
        var grains = Factory.Services.GetRequiredService<IGrainFactory>();
        var organizer = new RoundOrganizer(district, street);
        var round = grains.GetGrain<IVentureRoundGrain>(Guid.NewGuid());
        var created = await round.CreateAsync(organizer, Settings("东山街道公益创投（密封测试）") with { Pool = Money.FromYuan(60_000m) }, "dongshan");
        Assert.True((await round.OpenAsync(organizer, created.Value!.Version, "dongshan")).Succeeded);
        var proposal = new RoundProposal("密封的助老项目", "为老服务", Money.FromYuan(20_000m), [new("活动费", "物资", Money.FromYuan(20_000m))],
            "独居老人", 80, "走访 300 人次", "社工 2 名", 2, Money.Zero, 0);
        var applied = await round.ApplyAsync("52320115MJ5K631475", "江宁区启明社会工作事务所", proposal, "ngo.qiming");
        Assert.True(applied.Succeeded, string.Join("; ", applied.Errors.Select(e => e.Message)));
        var id = round.GetPrimaryKey();

        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var page = await official.GetHtmlAsync($"/Street/Rounds/Details/{id}");
        Assert.Contains("申报截止前申报书处于密封状态", page);
        Assert.DoesNotContain("密封的助老项目", page);
        using var expert = await AppSession.LoginAsync(Factory, "expert.zhao");
        var review = await expert.GetHtmlAsync($"/Evaluator/Rounds/Review/{id}");
        Assert.Contains("声明无利害关系后才能查看申报材料", review);
        Assert.DoesNotContain("密封的助老项目", review);
        using var anonymous = new AppSession(Factory);
        Assert.DoesNotContain("密封的助老项目", await anonymous.Http.GetStringAsync($"/api/public/rounds?district={district}"));
        using var qiming = await AppSession.LoginAsync(Factory, "ngo.qiming");
        Assert.Contains("密封的助老项目", await qiming.GetHtmlAsync("/Ngo/Rounds"));
        using var renai = await AppSession.LoginAsync(Factory, "ngo.renai");
        Assert.DoesNotContain("密封的助老项目", await renai.GetHtmlAsync("/Ngo/Rounds"));
    }
    /// <summary>
    /// The refusal walk of the round pages (see Refusals/RefusalWalkTests): every lifecycle action posted out of
    /// turn on an open round is answered on the page with its reason at the top, and the round does not move.
    /// </summary>
    [SkippableFact]
    public async Task Every_round_action_out_of_turn_shows_its_reason_at_the_top_and_changes_nothing()
    {
        var (street, district) = await StreetAsync("东山街道");
        var grains = Factory.Services.GetRequiredService<IGrainFactory>();
        var organizer = new RoundOrganizer(district, street);
        var round = grains.GetGrain<IVentureRoundGrain>(Guid.NewGuid());
        var created = await round.CreateAsync(organizer, Settings("东山街道公益创投（顺序测试）") with { Pool = Money.FromYuan(10_000m), Cap = Money.FromYuan(10_000m) }, "dongshan");
        Assert.True((await round.OpenAsync(organizer, created.Value!.Version, "dongshan")).Succeeded);
        var before = (await round.GetInfoAsync())!.Version;
        var details = $"/Street/Rounds/Details/{round.GetPrimaryKey()}";
        var review = $"/Evaluator/Rounds/Review/{round.GetPrimaryKey()}";
        var unknown = Guid.NewGuid().ToString();

        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        using var expert = await AppSession.LoginAsync(Factory, "expert.zhao");
        var cases = new (AppSession Who, string Page, string Handler, Dictionary<string, string> Form)[]
        {
            (official, details, "Open", new() { ["version"] = before.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            (official, details, "Screen", new() { ["applicationId"] = unknown, ["passed"] = "false", ["reason"] = "" }),
            (official, details, "Panel", new() { ["size"] = "3", ["field"] = "养老服务" }),
            (official, details, "Select", new()),
            (official, details, "Adjust", new() { ["applicationId"] = unknown, ["amount"] = "abc", ["reason"] = "" }),
            (official, details, "Publish", new()),
            (official, details, "EndPublicity", new()),
            (official, details, "Contracts", new()),
            (expert, review, "Declare", new() { ["conflict"] = "true", ["reason"] = "" }),
            (expert, review, "Score", new() { ["applicationId"] = unknown }),
        };
        foreach (var (who, page, handler, form) in cases)
        {
            var response = await who.PostFormAsync(page, form, $"{page}?handler={handler}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{handler}: {(int)response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync();
            var top = System.Text.RegularExpressions.Regex.Match(html, "class=\"alert alert-danger[^\"]*\"[^>]*>\\s*<ul>\\s*<li>([^<]+)</li>");
            Assert.True(top.Success && System.Text.RegularExpressions.Regex.IsMatch(top.Groups[1].Value, "\\p{IsCJKUnifiedIdeographs}"),
                $"{handler}: no reason at the top");
            Assert.Equal(before, (await round.GetInfoAsync())!.Version);
        }
    }
}

public sealed class PublicRoundsTests_Sqlite(SqliteTenderApp app) : PublicRoundsTests(app), IClassFixture<SqliteTenderApp>;

public sealed class PublicRoundsTests_Postgres(PostgresTenderApp app) : PublicRoundsTests(app), IClassFixture<PostgresTenderApp>;
