using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Catalog;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Reports;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.PublicPages;

/// <summary>What the demo shows a user: no plumbing words, streets awaiting confirmation, data downloads, the district's holiday page.</summary>
public abstract partial class DemoPagesTests(AppFixture app)
{
    private static readonly int ThisYear = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;

    // Words of the machinery that loads the demo, and English where a reader expects Chinese.
    private static readonly string[] Plumbing = ["seed", "演示数据", "contract", "JSON 数据", "/api/"];

    private MarketplaceAppFactory Factory => app.Require();

    [SkippableFact]
    public async Task Seeded_pages_and_the_street_pdf_show_no_plumbing_words()
    {
        var (item, uscc, streetId) = await QueryAsync(async db => (
            await db.TransferItems.Where(i => i.Status == TransferItemStatus.Published).Select(i => i.Id).FirstAsync(),
            await db.Organizations.Select(o => o.Uscc).FirstAsync(),
            await db.Streets.Where(s => s.Name == "东山街道").Select(s => s.Id).SingleAsync()));
        using var visitor = new AppSession(Factory);
        using var street = await AppSession.LoginAsync(Factory, "dongshan");
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        using var evaluator = await AppSession.LoginAsync(Factory, "pinggu.hengxin");
        var pages = new (AppSession Who, string Url)[]
        {
            (visitor, "/"), (visitor, "/Catalog"), (visitor, $"/Catalog/Details/{item}"), (visitor, "/Budgets"),
            (visitor, "/Organizations"), (visitor, $"/organizations/{uscc}"), (visitor, "/Tenders"),
            (visitor, $"/Budgets/Ledger?street={streetId}"),
            (street, "/Street/Catalog"), (street, "/Street/Budget"),
            (admin, "/District/Budgets"), (admin, "/District/Organizations"), (admin, $"/district/organizations/{uscc}"),
            (visitor, "/Contracts"), (admin, "/District/Contracts"), (evaluator, "/Evaluator/Evaluations"),
        };
        foreach (var (who, url) in pages)
        {
            var response = await who.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                continue; // e.g. the organization of another district for this admin
            }
            var text = VisibleText(await response.Content.ReadAsStringAsync());
            foreach (var word in Plumbing)
            {
                Assert.False(text.Contains(word, StringComparison.OrdinalIgnoreCase), $"{url} shows “{word}”: …{Around(text, word)}…");
            }
        }
        var pdf = await visitor.Http.GetByteArrayAsync($"/reports/budget/{ThisYear}/street/{streetId}.pdf");
        var pdfText = PdfText.All(pdf);
        foreach (var word in Plumbing)
        {
            Assert.DoesNotContain(word, pdfText, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("李晓梅", VisibleText(await street.GetHtmlAsync("/Street/Catalog")));
    }

    [SkippableFact]
    public async Task Public_budgets_list_a_street_awaiting_confirmation_and_link_the_pdfs()
    {
        var html = await new AppSession(Factory).GetHtmlAsync($"/Budgets?year={ThisYear}");

        var pending = Regex.Match(html, "<tr[^>]*data-street=\"汤山街道\" data-status=\"pending\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(pending.Success, "汤山街道 is not listed");
        Assert.Contains("待区确认", pending.Groups[1].Value);
        Assert.Contains($"/reports/budget/{ThisYear}/district/", html);
        Assert.Contains($"/reports/budget/{ThisYear}/street/", html);
        Assert.Contains("数据下载", html);
    }

    [SkippableFact]
    public async Task District_admin_sets_the_publicity_length_and_a_refused_day_says_why()
    {
        using var admin = await AppSession.LoginAsync(Factory, "admin.zhenhai");
        var page = await admin.GetHtmlAsync("/District/Calendar?year=2026");
        Assert.Contains("2026-10-10", page);
        Assert.Contains("调休上班", page);

        var refused = await admin.PostFormAsync("/District/Calendar?year=2026",
            new() { ["Day.Date"] = "2026-10-14", ["Day.Kind"] = "2", ["Day.Name"] = "" }, "/District/Calendar?year=2026&handler=Day");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("调休上班日只能是周六或周日", await refused.Content.ReadAsStringAsync());

        var bad = await admin.PostFormAsync("/District/Calendar", new() { ["PublicityWorkingDays"] = "0" }, "/District/Calendar?handler=Publicity");
        Assert.Contains("公示期应为1至30个工作日", await bad.Content.ReadAsStringAsync());

        var saved = await admin.PostFormAsync("/District/Calendar", new() { ["PublicityWorkingDays"] = "7" }, "/District/Calendar?handler=Publicity");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("value=\"7\"", await admin.GetHtmlAsync("/District/Calendar"));

        // Without the form's token the post is refused.
        var forged = await admin.Http.PostAsync("/District/Calendar?handler=Publicity", new FormUrlEncodedContent([new("PublicityWorkingDays", "9")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        // Another role does not get the page.
        using var street = await AppSession.LoginAsync(Factory, "dongshan");
        Assert.NotEqual(HttpStatusCode.OK, (await street.GetAsync("/District/Calendar")).StatusCode);
    }

    private static string VisibleText(string html)
    {
        var body = Regex.Replace(html, "<(script|style)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        return WebUtility.HtmlDecode(Regex.Replace(body, "<[^>]+>", " "));
    }

    private static string Around(string text, string word)
    {
        var i = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        return text.Substring(Math.Max(0, i - 40), Math.Min(80 + word.Length, text.Length - Math.Max(0, i - 40)));
    }

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await query(db);
    }
}

public sealed class DemoPagesTests_Sqlite(SqliteApp app) : DemoPagesTests(app), IClassFixture<SqliteApp>;

public sealed class DemoPagesTests_Postgres(PostgresApp app) : DemoPagesTests(app), IClassFixture<PostgresApp>;
