using System.Net;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Tendering;

/// <summary>
/// SPEC §3.3: before the deadline nobody but the applicant sees an application or how many there are —
/// checked for every role on every page that shows a tender, then the deadline refusal by server time.
/// </summary>
public abstract class TenderSealingTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Marker = "密封方案甲乙丙";
    private const string Price = "234567.89";

    [SkippableFact]
    public async Task The_receipt_after_the_redirect_shows_to_its_owner_only()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), "密封测试 申请回执");
        using var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia");
        static string Location(HttpResponseMessage r) => r.Headers.Location!.OriginalString;

        var first = await TenderForms.ApplyAsync(lejia, id, Price, Marker);
        await TenderForms.AssertRedirectAsync(first);
        Assert.Contains("申请已提交（第1版）", await lejia.GetHtmlAsync(Location(first)));
        // A revision shows its own receipt; the first one's link no longer does (that revision is not the current one).
        var revised = await TenderForms.ApplyAsync(lejia, id, "250000", Marker);
        await TenderForms.AssertRedirectAsync(revised);
        Assert.Contains("申请已提交（第2版）", await lejia.GetHtmlAsync(Location(revised)));
        Assert.DoesNotContain("申请已提交", await lejia.GetHtmlAsync(Location(first)));

        // Another organization opening the same link sees its own empty form: the query is answered by the viewer's application only.
        using var qiming = await AppSession.LoginAsync(Factory, "ngo.qiming");
        var other = await qiming.GetHtmlAsync(Location(revised));
        Assert.Contains("提交申请", other);
        Assert.DoesNotContain("申请已提交", other);
        Assert.DoesNotContain(Marker, other);
    }

    [SkippableFact]
    public async Task Before_the_deadline_no_other_role_sees_an_application_or_its_count()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), "密封测试 居家养老上门服务");
        using var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia");
        using var renai = await AppSession.LoginAsync(Factory, "ngo.renai");
        await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(lejia, id, Price, Marker));
        await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(renai, id, "250000", Marker));
        // The applicant sees its own application.
        var own = await lejia.GetHtmlAsync($"/Ngo/Tenders/Apply/{id}");
        Assert.Contains("234,567.89", own);
        Assert.Contains(Marker, own);

        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        using var expert = await AppSession.LoginAsync(Factory, "expert.zhao");
        using var otherNgo = await AppSession.LoginAsync(Factory, "ngo.qiming");
        using var anonymous = new AppSession(Factory);
        var pages = new (AppSession Who, string Url)[]
        {
            (official, $"/Street/Tenders/Details/{id}"), (official, "/Street/Tenders"), (official, "/Notifications"), (official, $"/Tenders/Details/{id}"),
            (admin, $"/Tenders/Details/{id}"), (admin, "/Tenders"), (admin, "/Notifications"), (admin, "/District/Experts"), (admin, $"/Street/Tenders/Details/{id}"),
            (expert, "/Evaluator/Reviews"), (expert, $"/Evaluator/Reviews/Review/{id}"), (expert, "/Notifications"), (expert, $"/Tenders/Details/{id}"),
            (otherNgo, $"/Ngo/Tenders/Apply/{id}"), (otherNgo, "/Notifications"), (otherNgo, $"/Tenders/Details/{id}"),
            (anonymous, "/Tenders"), (anonymous, $"/Tenders/Details/{id}"), (anonymous, "/api/public/catalog"), (anonymous, "/api/public/tenders"),
            (official, "/api/public/tenders"), (admin, "/openapi/v1.json"),
        };
        foreach (var (who, url) in pages)
        {
            var response = await who.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Redirect,
                $"{url}: {(int)response.StatusCode}");
            foreach (var secret in new[] { "乐家", "仁爱", "234,567.89", Price, "250,000.00", Marker, "申请单位（截止", "收到有效申请", "已收到您" })
            {
                Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{url} reveals '{secret}'");
            }
        }
        Assert.Equal(HttpStatusCode.NotFound, (await expert.GetAsync($"/Evaluator/Reviews/Review/{id}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync($"/Street/Tenders/Details/{id}")).StatusCode);

        // Nor does any read model: the relational tables hold the notice only.
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.TenderResults.AnyAsync(r => r.TenderId == id));
        Assert.False(await db.Notifications.AnyAsync(n => n.TenderId == id && n.Recipient.StartsWith("street:")));
    }

    [SkippableFact]
    public async Task A_submission_one_second_after_the_deadline_is_refused_and_the_first_stays()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), "截止测试 居家养老上门服务");
        using var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia");
        await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(lejia, id, "260000", "第一版方案"));

        // The form was loaded before the deadline; it is posted one second after it.
        var deadline = await DeadlineAsync(id);
        app.Clock.Advance(deadline - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        var late = await TenderForms.ApplyAsync(lejia, id, "250000", "第二版方案");

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("报名已截止", await late.Content.ReadAsStringAsync());
        var own = await lejia.GetHtmlAsync($"/Ngo/Tenders/Apply/{id}");
        Assert.Contains("第1版", own);
        Assert.Contains("260,000.00", own);
    }

    [SkippableFact]
    public async Task Weights_not_summing_to_one_hundred_show_a_chinese_message_and_save_nothing()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var item = await TenderForms.PublishedItemAsync(Factory, "东山街道");
        var before = await CountAsync();
        var response = await official.PostFormAsync($"/Street/Tenders/Create/{item}", TenderForms.Notice(app.Clock.GetUtcNow(), "权重错误", planWeight: "30"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("各评分因素分值合计必须为100分，现为90分", await response.Content.ReadAsStringAsync());
        var bad = TenderForms.Notice(app.Clock.GetUtcNow(), "金额错误");
        bad["Input.Ceiling"] = "abc";
        var parsed = await official.PostFormAsync($"/Street/Tenders/Create/{item}", bad);
        Assert.Equal(HttpStatusCode.OK, parsed.StatusCode);
        Assert.Contains("金额格式不正确", await parsed.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountAsync());
    }

    private async Task<int> CountAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenders.CountAsync();
    }

    private async Task<DateTimeOffset> DeadlineAsync(Guid id)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenders.Where(t => t.Id == id).Select(t => t.Deadline).SingleAsync();
    }

    [SkippableFact]
    public async Task Street_exports_its_own_purchases_as_xlsx()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var title = "导出测试" + Guid.NewGuid().ToString("N")[..6];
        await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), title);
        Assert.Contains(title, XlsxText(await (await official.GetAsync("/Street/Tenders?handler=Export")).Content.ReadAsByteArrayAsync()));
        using var other = await AppSession.LoginAsync(Factory, "moling");
        Assert.DoesNotContain(title, XlsxText(await (await other.GetAsync("/Street/Tenders?handler=Export")).Content.ReadAsByteArrayAsync()));
    }

    /// <summary>All text of an .xlsx package (its XML parts), enough to find a cell's words.</summary>
    private static string XlsxText(byte[] xlsx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
        return string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()));
    }
}

public sealed class TenderSealingTests_Sqlite(SqliteTenderApp app) : TenderSealingTests(app), IClassFixture<SqliteTenderApp>;

public sealed class TenderSealingTests_Postgres(PostgresTenderApp app) : TenderSealingTests(app), IClassFixture<PostgresTenderApp>;
