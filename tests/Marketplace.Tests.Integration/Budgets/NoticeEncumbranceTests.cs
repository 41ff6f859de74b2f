using System.Globalization;
using System.Net;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Budgets;

/// <summary>
/// Money held from the notice on, through the street official's pages: a notice publishes only with the
/// money available, the refusal names the shortfall on the page, and cancelling frees the money.
/// </summary>
public abstract class NoticeEncumbranceTests(TenderApp app)
{
    private static readonly int NextYear = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year + 1;

    private MarketplaceAppFactory Factory => app.Require();

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>东山街道's budget for next year: ¥1,400,000 of 财政资金, entered by the street and confirmed by the district.</summary>
    private async Task FundNextYearAsync(AppSession official)
    {
        var saved = await official.PostFormAsync($"/Street/Budget/Edit?year={NextYear}", new Dictionary<string, string>
        {
            ["Year"] = NextYear.ToString(CultureInfo.InvariantCulture), ["Input.Version"] = "0", ["Input.Total"] = "1400000",
            ["Input.Fiscal"] = "1400000", ["Input.WelfareLottery"] = "", ["Input.StreetNgoFund"] = "", ["Input.SocialCapital"] = "", ["Input.Note"] = "",
        });
        await TenderForms.AssertRedirectAsync(saved);
        var street = await QueryAsync(db => db.Streets.Where(s => s.Name == "东山街道").Select(s => s.Id).SingleAsync());
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var confirmed = await admin.PostFormAsync($"/District/Budgets?year={NextYear}",
            new Dictionary<string, string> { ["street"] = $"{street}", ["version"] = "1" }, $"/District/Budgets?handler=Confirm&year={NextYear}");
        await TenderForms.AssertRedirectAsync(confirmed);
    }

    private static async Task<Guid> DraftAsync(AppSession official, Guid item, DateTimeOffset now, string title)
    {
        var form = TenderForms.Notice(now, title);
        form["Input.Ceiling"] = "1000000";
        form["Input.Funding[0]"] = "1000000";
        form["Input.ServiceStart"] = $"{NextYear}-01-01";
        form["Input.ServiceEnd"] = $"{NextYear}-12-31";
        var created = await official.PostFormAsync($"/Street/Tenders/Create/{item}", form);
        await TenderForms.AssertRedirectAsync(created);
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private static string Figure(string html, string name) =>
        html.Split($"data-figure=\"{name}\">")[1].Split('<')[0];

    [SkippableFact]
    public async Task Of_four_million_notices_published_at_once_against_1_4_million_one_goes_out_and_three_show_the_shortfall()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        await FundNextYearAsync(official);
        var item = await TenderForms.PublishedItemAsync(Factory, "东山街道");
        var now = app.Clock.GetUtcNow();
        var ids = new List<Guid>();
        for (var i = 1; i <= 4; i++)
        {
            ids.Add(await DraftAsync(official, item, now, $"预算占用测试{i} 居家养老上门服务"));
        }

        var responses = await Task.WhenAll(ids.Select(id =>
            official.PostFormAsync($"/Street/Tenders/Details/{id}", [], $"/Street/Tenders/Details/{id}?handler=Publish")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Redirect).ToList();
        Assert.Equal(3, refused.Count);
        foreach (var r in refused)
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var html = await r.Content.ReadAsStringAsync();
            var summary = html.Split("alert-danger")[1].Split("</div>")[0];
            Assert.Contains($"{NextYear}年度预算：财政资金可用余额不足，差 ¥600,000.00", summary);
        }
        var budget = await official.GetHtmlAsync($"/Street/Budget?year={NextYear}");
        Assert.Equal(("1,000,000.00", "0.00", "400,000.00"), (Figure(budget, "encumbered"), Figure(budget, "committed"), Figure(budget, "available")));
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        Assert.Contains("全部通过", await admin.GetHtmlAsync($"/District/Budgets/Checks?year={NextYear}"));

        // Cancelling the published notice frees its money; another one can then go out.
        var published = await QueryAsync(db => db.Tenders.Where(t => ids.Contains(t.Id) && t.Status == TenderStatus.Published).Select(t => t.Id).SingleAsync());
        var cancelled = await official.PostFormAsync($"/Street/Tenders/Details/{published}", new Dictionary<string, string> { ["Reason"] = "需求调整" },
            $"/Street/Tenders/Details/{published}?handler=Cancel");
        await TenderForms.AssertRedirectAsync(cancelled);
        budget = await official.GetHtmlAsync($"/Street/Budget?year={NextYear}");
        Assert.Equal(("0.00", "1,400,000.00"), (Figure(budget, "encumbered"), Figure(budget, "available")));
        var next = ids.First(id => id != published);
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync($"/Street/Tenders/Details/{next}", [], $"/Street/Tenders/Details/{next}?handler=Publish"));
        budget = await official.GetHtmlAsync($"/Street/Budget?year={NextYear}");
        Assert.Equal(("1,000,000.00", "400,000.00"), (Figure(budget, "encumbered"), Figure(budget, "available")));
        Assert.Contains("全部通过", await admin.GetHtmlAsync($"/District/Budgets/Checks?year={NextYear}"));
    }
}

public sealed class NoticeEncumbranceTests_Sqlite(SqliteTenderApp app) : NoticeEncumbranceTests(app), IClassFixture<SqliteTenderApp>;

public sealed class NoticeEncumbranceTests_Postgres(PostgresTenderApp app) : NoticeEncumbranceTests(app), IClassFixture<PostgresTenderApp>;
