using System.Text.RegularExpressions;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.PublicPages;

/// <summary>/Tenders: keyword, street, service area, method and stage filters, paging, publish date, empty state; the tender page's contact and login hint.</summary>
public abstract partial class PublicTenderListTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    [SkippableFact]
    public async Task Tenders_are_searched_filtered_and_paged_with_an_empty_state()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var now = app.Clock.GetUtcNow();
        // 21 small notices (one more than a page); small ceilings so the street's budget carries them all.
        var ids = new List<Guid>();
        for (var i = 1; i <= 21; i++)
        {
            ids.Add(await PublishSmallAsync(official, now, $"分页查询项目{i:00}"));
        }
        var (streetId, area) = await StreetAndAreaAsync(ids[0]);
        using var visitor = new AppSession(Factory);

        var first = await visitor.GetHtmlAsync("/Tenders?q=分页查询");
        Assert.Equal("21", Total(first));
        Assert.Equal(20, Rows(first));
        Assert.Contains("第 1 / 2 页", first);
        Assert.Contains("发布日期", first);
        Assert.Contains(now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd"), first);
        Assert.Contains("badge stage-open", first);
        var second = await visitor.GetHtmlAsync("/Tenders?q=分页查询&page=2");
        Assert.Equal(1, Rows(second));

        Assert.Equal("21", Total(await visitor.GetHtmlAsync($"/Tenders?q=分页查询&street={streetId}&area={area}&method=ContractOutsourcing&stage=open")));
        var otherStreet = await QueryAsync(db => db.Streets.Where(s => s.Id != streetId).Select(s => s.Id).FirstAsync());
        foreach (var filter in new[] { $"street={otherStreet}", "method=ProjectEntrustment", "stage=publicity", "area=" + (area == "volunteer" ? "youth" : "volunteer") })
        {
            var empty = await visitor.GetHtmlAsync($"/Tenders?q=分页查询&{filter}");
            Assert.Equal("0", Total(empty));
            Assert.Contains("没有符合条件的采购项目", empty);
        }
    }

    [SkippableFact]
    public async Task A_visitor_sees_the_contact_person_and_is_told_to_log_in_to_apply()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await PublishSmallAsync(official, app.Clock.GetUtcNow(), "联系人展示项目");

        var html = await new AppSession(Factory).GetHtmlAsync($"/Tenders/Details/{id}");

        Assert.Matches("id=\"contact\">东山街道 李晓梅", html);
        Assert.Contains("登录后申请", html);
        using var ngo = await AppSession.LoginAsync(Factory, "ngo.lejia");
        Assert.DoesNotContain("登录后申请", await ngo.GetHtmlAsync($"/Tenders/Details/{id}"));
    }

    private static async Task<Guid> PublishSmallAsync(AppSession official, DateTimeOffset now, string title)
    {
        var item = await TenderForms.PublishedItemAsync(official.Factory, "东山街道");
        var notice = TenderForms.Notice(now, title);
        notice["Input.Ceiling"] = "10000";
        notice["Input.Funding[0]"] = "10000";
        var created = await official.PostFormAsync($"/Street/Tenders/Create/{item}", notice);
        await TenderForms.AssertRedirectAsync(created);
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync($"/Street/Tenders/Details/{id}", [], $"/Street/Tenders/Details/{id}?handler=Publish"));
        return id;
    }

    private Task<(long, string)> StreetAndAreaAsync(Guid tenderId) => QueryAsync(async db =>
    {
        var t = await db.Tenders.SingleAsync(x => x.Id == tenderId);
        return (t.StreetId, await db.TransferItems.Where(i => i.Id == t.TransferItemId).Select(i => i.ServiceAreaCode).SingleAsync());
    });

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    private static string Total(string html) => TotalPattern().Match(html).Groups[1].Value;

    private static int Rows(string html) => RowPattern().Matches(html).Count;

    [GeneratedRegex("id=\"tender-total\">(\\d+)<")]
    private static partial Regex TotalPattern();

    [GeneratedRegex("<tr><td class=\"name-cell\"><a href=\"/Tenders/Details/")]
    private static partial Regex RowPattern();
}

public sealed class PublicTenderListTests_Sqlite(SqliteTenderApp app) : PublicTenderListTests(app), IClassFixture<SqliteTenderApp>;

public sealed class PublicTenderListTests_Postgres(PostgresTenderApp app) : PublicTenderListTests(app), IClassFixture<PostgresTenderApp>;
