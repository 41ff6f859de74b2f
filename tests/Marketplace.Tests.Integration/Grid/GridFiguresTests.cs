using System.Net;
using System.Text.Json;
using Marketplace.Grid;
using Marketplace.Tests.Integration.Infrastructure;

namespace Marketplace.Tests.Integration.Grid;

/// <summary>
/// The seeded 庄市街道 (seed/grids.json): figures counted by hand here equal the street's dashboard and the public
/// JSON; and no resident's name, phone or address reaches any public page or JSON.
/// </summary>
public abstract class GridFiguresTests(GridApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    // seed/grids.json by hand: 勤勇村 (2 grids) 7 matters — 3 closed or sent up, all on time; ratings 非常满意 + 满意.
    // 中心社区 5 matters — 1 closed on time; rating 非常满意. Street: 12 matters, 4 of 4 on time, 3 ratings, 2 非常满意.
    private static readonly (string Name, int Matters, int Closed, int OnTime, int Ratings, int Very)[] Expected =
    [
        ("庄市街道", 12, 4, 4, 3, 2), ("勤勇村", 7, 3, 3, 2, 1), ("中心社区", 5, 1, 1, 1, 1),
    ];

    private static readonly string[] Private =
    [
        "沈阿婆", "李国平", "张海龙", "周女士", "刘先生", "13957801126", "13805749982", "13736152208", "13586620417", "15968834471",
        "勤勇村5组27号", "中心社区12幢", "勤勇村3组村道", "勤勇村8组",
        "钱阿公", "吴女士", "郑大伯", "13857805517", "13706748823", "15057409961", "勤勇村7组15号", "中心社区8幢", "中心社区15幢",
    ];

    [SkippableFact]
    public async Task Figures_counted_by_hand_equal_the_dashboard_and_the_json()
    {
        var (street, _) = await GridFlow.ZhuangshiAsync(Factory);
        using var official = await AppSession.LoginAsync(Factory, "zhuangshi");
        var html = await official.GetHtmlAsync("/Street/Grid/Figures");
        var (_, matters, _, onTime, ratings, very) = Expected[0];
        Assert.Contains($"data-figure=\"matters\">{matters}<", html);
        Assert.Contains($"data-figure=\"on-time\">{Rate(onTime, Expected[0].Closed)}<", html);
        Assert.Contains($"data-figure=\"ratings\">{ratings}<", html);
        Assert.Contains($"data-figure=\"very-satisfied\">{Rate(very, ratings)}<", html);

        using var anonymous = new AppSession(Factory);
        using var json = JsonDocument.Parse(await anonymous.GetHtmlAsync($"/api/public/grid/streets/{street}"));
        AssertFigures(Expected[0], json.RootElement.GetProperty("total"));
        foreach (var community in Expected[1..])
        {
            var row = json.RootElement.GetProperty("communities").EnumerateArray().Single(c => c.GetProperty("name").GetString() == community.Name);
            AssertFigures(community, row.GetProperty("figures"));
        }
        var page = WebUtility.HtmlDecode(await anonymous.GetHtmlAsync($"/Matters?street={street}"));
        Assert.Contains($"data-figure=\"very-satisfied\">{Rate(very, ratings)}<", page);

        // The street's annual PDF report: one row per 村(社区) and the street's total, the same numbers.
        var year = DateTime.UtcNow.AddHours(8).Year;
        var pdf = Reports.PdfText.All(await anonymous.Http.GetByteArrayAsync($"/reports/budget/{year}/street/{street}.pdf"));
        Assert.Contains("六、网格服务与群众满意度", pdf);
        foreach (var (name, m, closed, on, r, v) in Expected)
        {
            var row = name == "庄市街道" ? "街道合计" : name;
            Assert.Contains($"{row}{m}{closed}{Rate(on, closed)}{r}{Rate(v, r)}", pdf);
        }
    }

    [SkippableFact]
    public async Task No_resident_name_phone_or_address_is_on_any_public_page_or_json()
    {
        var (street, _) = await GridFlow.ZhuangshiAsync(Factory);
        var ids = (await GridFlow.Matters(Factory, street).GetAsync()).Matters.Select(m => m.Id).ToList();
        Assert.NotEmpty(ids);
        using var anonymous = new AppSession(Factory);
        var urls = new List<string> { "/", "/Matters", $"/Matters?street={street}", $"/Matters/Report?Street={street}", $"/api/public/grid/streets/{street}",
            "/Matters/Menu", $"/Matters/Menu?street={street}", $"/Matters/Menu?street={street}&community=勤勇村", $"/Matters/Menu?street={street}&community=中心社区" };
        urls.AddRange(ids.Select(id => $"/Matters/Rate?street={street}&id={id}"));
        foreach (var url in urls)
        {
            var text = WebUtility.HtmlDecode(await anonymous.GetHtmlAsync(url));
            var leaked = Private.Where(p => text.Contains(p, StringComparison.Ordinal)).ToList();
            Assert.True(leaked.Count == 0, $"{url} shows {string.Join("、", leaked)}");
        }
        // The street's own page does show them: the check above would catch a leak.
        using var official = await AppSession.LoginAsync(Factory, "zhuangshi");
        var first = (await GridFlow.Matters(Factory, street).GetAsync()).Matters.First(m => m.ResidentPhone.Length > 0);
        Assert.Contains(first.ResidentPhone, await official.GetHtmlAsync($"/Street/Grid/Matter/{first.Id}"));
    }

    private static string Rate(int part, int whole) => MatterFigures.Percent(Math.Round(100m * part / whole, 2));

    private static void AssertFigures((string Name, int Matters, int Closed, int OnTime, int Ratings, int Very) e, JsonElement f)
    {
        Assert.Equal((e.Matters, e.Closed, e.OnTime, e.Ratings, e.Very),
            (f.GetProperty("matters").GetInt32(), f.GetProperty("closed").GetInt32(), f.GetProperty("closedOnTime").GetInt32(),
             f.GetProperty("ratings").GetInt32(), f.GetProperty("verySatisfied").GetInt32()));
        Assert.Equal(Math.Round(100m * e.OnTime / e.Closed, 2), f.GetProperty("onTimeRate").GetDecimal());
        Assert.Equal(Math.Round(100m * e.Very / e.Ratings, 2), f.GetProperty("verySatisfiedRate").GetDecimal());
    }
}

public sealed class GridFiguresTests_Sqlite(GridSqliteApp app) : GridFiguresTests(app), IClassFixture<GridSqliteApp>;

public sealed class GridFiguresTests_Postgres(GridPostgresApp app) : GridFiguresTests(app), IClassFixture<GridPostgresApp>;
