using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Disclosure;

/// <summary>The public portal on the seeded app: home, district and street pages, one search, the Atom feeds.</summary>
public abstract class PortalTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private Task<(Guid Id, DateOnly LastDay)> InPublicityAsync(string title) => PublicityFlow.InPublicityAsync(Factory, app.Clock, title);

    [SkippableFact]
    public async Task The_home_page_shows_what_is_open_the_publicity_days_left_each_budget_against_the_floor_and_the_stars()
    {
        var (publicity, lastDay) = await InPublicityAsync("门户测试 老年助浴服务");
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var open = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), "门户测试 社区助餐服务");

        using var anonymous = new AppSession(Factory);
        var home = await anonymous.GetHtmlAsync("/");
        Assert.Matches($@"stage-open"">采购公告</span>\s*<a href=""/Tenders/Details/{open}"">门户测试 社区助餐服务</a>[\s\S]*?data-deadline>截止 ", home);
        var days = Regex.Match(home, $@"<a href=""/Tenders/Details/{publicity}"">门户测试 老年助浴服务</a>[\s\S]*?data-days-left=""(\d+)"">公示至 {lastDay:yyyy-MM-dd} 24:00，还剩 (\d+) 个工作日");
        Assert.True(days.Success, "the 公示 with its last day and working days left");
        Assert.InRange(int.Parse(days.Groups[1].Value), 1, 5);

        var streets = await QueryAsync(db => db.Streets.Select(s => s.Name).ToListAsync());
        Assert.All(streets, s => Assert.Contains($"data-street=\"{s}\"", home));
        Assert.Contains("id=\"budget-chart\"", home);
        Assert.Contains("data-meets-floor=\"", home);
        // 仁爱's only final grade is 优秀: five stars among the best rated.
        Assert.Matches(@"id=""best-rated""[\s\S]*?江宁区仁爱[^<]*</a>\s*<span class=""stars"" data-stars=""5"">★★★★★</span>", home);
        Assert.Contains("秣陵街道社区睦邻互助点运营服务", home);
    }

    [SkippableFact]
    public async Task A_street_page_gathers_services_purchases_contracts_budget_with_its_pdf_and_the_directory()
    {
        var moling = await QueryAsync(db => db.Streets.Where(s => s.Name == "秣陵街道").Select(s => new { s.Id, s.DistrictId }).SingleAsync());
        using var anonymous = new AppSession(Factory);
        var page = await anonymous.GetHtmlAsync($"/Streets/{moling.Id}");
        foreach (var title in new[] { "秣陵街道困境儿童关爱服务项目", "秣陵街道高龄独居老人居家探访服务", "秣陵街道社区矫正对象社会融入服务", "秣陵街道社区睦邻互助点运营服务" })
        {
            Assert.Contains(title, page);
        }
        Assert.Contains("已支付", page);
        Assert.Contains("<td>优秀</td>", page);
        Assert.Matches($@"href=""/reports/budget/\d{{4}}/street/{moling.Id}.pdf""", page);
        Assert.Contains("data-stars=\"5\"", page);
        Assert.Contains("id=\"services\"", page);
        Assert.Contains($"/Districts/{moling.DistrictId}", page);

        var district = await anonymous.GetHtmlAsync($"/Districts/{moling.DistrictId}");
        Assert.Contains("秣陵街道社区睦邻互助点运营服务", district);
        Assert.Contains("id=\"budget-chart\"", district);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Streets/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Districts/999999")).StatusCode);
    }

    [SkippableFact]
    public async Task One_search_finds_streets_contracts_and_organizations_and_says_why_a_long_query_is_refused()
    {
        using var anonymous = new AppSession(Factory);
        var moling = await anonymous.GetHtmlAsync("/Search?q=" + Uri.EscapeDataString("秣陵"));
        Assert.Contains("秣陵街道</a>", moling);
        Assert.Contains("秣陵街道社区睦邻互助点运营服务</a>", moling);
        var renai = await anonymous.GetHtmlAsync("/Search?q=" + Uri.EscapeDataString("仁爱"));
        Assert.Contains("/organizations/52320115MJ5K526814", renai);
        Assert.DoesNotContain("秣陵街道社区睦邻互助点运营服务</a>", await anonymous.GetHtmlAsync("/Search?q=" + Uri.EscapeDataString("不存在的项目名称")));
        Assert.Contains("搜索词不超过 50 个字", await anonymous.GetHtmlAsync("/Search?q=" + new string('街', 51)));
    }

    [SkippableFact]
    public async Task The_district_feed_is_valid_atom_with_new_notices_and_publicity()
    {
        var (publicity, _) = await InPublicityAsync("订阅测试 失能老人照护服务");
        var district = await QueryAsync(db => db.Tenders.Where(t => t.Id == publicity).Select(t => t.DistrictId).SingleAsync());
        using var anonymous = new AppSession(Factory);
        var response = await anonymous.GetAsync($"/feeds/{district}.atom");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(atom + "feed", feed.Name);
        // RFC 4287 §4.1.1: a feed has one id, title and updated, and an author; §4.1.2: each entry one id, title, updated and a link.
        foreach (var name in new[] { "id", "title", "updated", "author" })
        {
            Assert.Single(feed.Elements(atom + name));
        }
        var entries = feed.Elements(atom + "entry").ToList();
        Assert.All(entries, e =>
        {
            Assert.Single(e.Elements(atom + "id"));
            Assert.Single(e.Elements(atom + "title"));
            Assert.True(DateTimeOffset.TryParse(e.Element(atom + "updated")!.Value, out _));
            Assert.Single(e.Elements(atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
        });
        Assert.Equal(entries.Count, entries.Select(e => e.Element(atom + "id")!.Value).Distinct().Count());
        var titles = entries.Select(e => e.Element(atom + "title")!.Value).ToList();
        Assert.Contains("采购公告：订阅测试 失能老人照护服务", titles);
        Assert.Contains("单一来源公示：订阅测试 失能老人照护服务", titles);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/feeds/999999.atom")).StatusCode);
    }
}

public sealed class PortalTests_Sqlite(SqliteTenderApp app) : PortalTests(app), IClassFixture<SqliteTenderApp>;

public sealed class PortalTests_Postgres(PostgresTenderApp app) : PortalTests(app), IClassFixture<PostgresTenderApp>;
