using System.Net;
using System.Text.Json;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Tendering;

/// <summary>
/// A failed purchase switched to single-source (单一来源) through the street official's page, and its 公示
/// on the public page and the public API (财政部74号令 Art.38–39).
/// </summary>
public abstract class TenderSingleSourceTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Qiming = PanelForms.Qiming;
    private const string Reason = "该服务须与街道既有的居家养老信息平台对接，只能从唯一供应商处采购";

    private Task<Guid> FailedAsync(AppSession official, string title) => PanelForms.FailedAsync(app, official, title);

    private static string Details(Guid id) => $"/Street/Tenders/Details/{id}";

    private static Dictionary<string, string> SwitchForm(string price, string reason = Reason) => PanelForms.SingleSourceForm(price, reason);

    [SkippableFact]
    public async Task The_street_official_switches_a_failed_tender_and_the_public_sees_single_source_with_its_reason()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await FailedAsync(official, "单一来源 居家养老上门服务");
        var form = await official.GetHtmlAsync(Details(id));
        Assert.Contains("转为单一来源采购", form);
        Assert.Contains(Qiming, form); // an eligible directory organization is offered

        var switched = await official.PostFormAsync(Details(id), SwitchForm("260,000.00"), Details(id) + "?handler=SingleSource");

        await TenderForms.AssertRedirectAsync(switched);
        using var anonymous = new AppSession(Factory);
        var page = await anonymous.GetHtmlAsync($"/Tenders/Details/{id}");
        Assert.Contains("单一来源采购公示", page);
        Assert.Contains("单一来源公示", page); // the status badge
        Assert.Contains(Reason, page);
        Assert.Contains("江宁区启明社会工作事务所", page);
        Assert.Contains("¥260,000.00", page);

        var tenders = JsonDocument.Parse(await anonymous.GetHtmlAsync("/api/public/tenders")).RootElement;
        var tender = tenders.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == id);
        Assert.Equal("单一来源", tender.GetProperty("procurementMethod").GetString());
        Assert.Equal(Reason, tender.GetProperty("singleSourceReason").GetString());
        Assert.Equal("江宁区启明社会工作事务所", tender.GetProperty("winner").GetString());
        Assert.Equal("260000.00", tender.GetProperty("awardedPrice").GetString());
        Assert.Equal("单一来源公示", tender.GetProperty("status").GetString());
        Assert.Equal(0, tender.GetProperty("results").GetArrayLength());
        // 公示 of 5 working days on the district's calendar: the page and the JSON give the same last day.
        var lastDay = Marketplace.Domain.ChineseWorkCalendar.Official.Period(app.Clock.GetUtcNow(), 5).LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(lastDay, tender.GetProperty("publicityLastDay").GetString());
        Assert.Contains($"至 {lastDay} 24:00 止，共5个工作日", page);

        // Re-run is no longer offered nor accepted: one follow-up per failed tender.
        var after = await official.GetHtmlAsync(Details(id));
        Assert.DoesNotContain("id=\"rerun\"", after);
        var rerun = await official.PostFormAsync(Details(id), [], Details(id) + "?handler=Rerun");
        Assert.Equal(HttpStatusCode.OK, rerun.StatusCode);
        Assert.Contains("该项目已转为单一来源采购，不能再重新采购", await rerun.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Another_streets_official_gets_404_on_the_page_and_the_switch()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await FailedAsync(official, "他街道 居家养老上门服务");
        using var other = await AppSession.LoginAsync(Factory, "moling");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(Details(id))).StatusCode);
        // A valid antiforgery token of the other official's own page: only the tenant rule stops the post.
        var post = await other.PostFormAsync("/Street/Tenders", SwitchForm("260000"), Details(id) + "?handler=SingleSource");

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(TenderStatus.Failed, await StatusAsync(id));
    }

    [SkippableFact]
    public async Task A_bad_price_or_short_reason_shows_a_chinese_message_and_saves_nothing()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await FailedAsync(official, "输入错误 居家养老上门服务");

        var cases = new (Dictionary<string, string> Form, string Message)[]
        {
            (SwitchForm("abc"), "成交价格：金额格式不正确"),
            (SwitchForm("300000.01"), "成交价格不能超过最高限价¥300,000.00"),
            (SwitchForm("-5"), "成交价格："),
            (SwitchForm("250000", "唯一供应商"), "单一来源采购理由至少10个字"),
        };
        foreach (var (form, message) in cases)
        {
            var response = await official.PostFormAsync(Details(id), form, Details(id) + "?handler=SingleSource");
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, body);
            Assert.Contains(WebUtility.HtmlEncode(form["SingleSourceReason"]), body); // the form is kept
        }
        Assert.Equal(TenderStatus.Failed, await StatusAsync(id));
        Assert.Null(await QueryAsync(db => db.Tenders.Where(t => t.Id == id).Select(t => t.SingleSourceReason).SingleAsync()));
    }

    private Task<TenderStatus> StatusAsync(Guid id) => QueryAsync(db => db.Tenders.Where(t => t.Id == id).Select(t => t.Status).SingleAsync());

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

public sealed class TenderSingleSourceTests_Sqlite(SqliteTenderApp app) : TenderSingleSourceTests(app), IClassFixture<SqliteTenderApp>;

public sealed class TenderSingleSourceTests_Postgres(PostgresTenderApp app) : TenderSingleSourceTests(app), IClassFixture<PostgresTenderApp>;
