using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Rounds;

/// <summary>
/// /District/Rounds: the district admin creates, edits and opens a round for several streets, each with its share of the
/// pool. Shares not summing to the pool, a street of another district, no street, and a share above a street's available
/// money are refused with the reason beside the shares (or that street's line) and nothing is saved; the participating
/// street sees its share read only, and the public round page shows every share.
/// </summary>
public abstract class DistrictRoundPagesTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private static string Local(DateTimeOffset t) => t.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private async Task<long> StreetAsync(string name)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Streets.Where(x => x.Name == name).Select(x => x.Id).SingleAsync();
    }

    private IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();

    private async Task<ImmutableArray<RoundSummary>> DistrictRoundsAsync(string title)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var district = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Districts.Where(d => d.Name == "江宁区").Select(d => d.Id).SingleAsync();
        return [.. (await Grains.GetGrain<IVentureRoundListGrain>(district).ListAsync()).Where(r => r.Title == title)];
    }

    [SkippableFact]
    public async Task The_district_creates_edits_and_opens_a_round_for_two_streets_and_bad_shares_are_refused_beside_them()
    {
        var dongshan = await StreetAsync("东山街道");
        var qilin = await StreetAsync("麒麟街道");
        var outside = await StreetAsync("朝阳街道"); // 吴兴区
        var title = "江宁区公益创投（区级页面测试）";
        var now = app.Clock.GetUtcNow();
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        Assert.Contains("区级公益创投", await admin.GetHtmlAsync("/District/Rounds"));
        var form = new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Theme"] = "百个公益项目助力街道服务", ["Input.Categories"] = "为老服务、助残服务",
            ["Input.Pool"] = "100000", ["Input.Cap"] = "50000", ["Input.MinScore"] = "60", ["Input.PerOrganizationLimit"] = "2",
            ["Input.OpensAt"] = Local(now.AddMinutes(-5)), ["Input.Deadline"] = Local(now.AddDays(7)), ["Input.ServiceAreaCode"] = "elderly",
            ["Input.Source"] = "WelfareLottery", [$"Input.Shares[{dongshan}]"] = "60000", [$"Input.Shares[{qilin}]"] = "30000",
        };
        async Task<string> RefusedAsync(string page, string? action = null)
        {
            var response = await admin.PostFormAsync(page, form, action ?? page + "?handler=Create");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        // Shares not summing to the pool: the sum is named beside the shares; nothing saved.
        Assert.Contains("各街道分担金额合计 ¥90,000.00 应等于资金池 ¥100,000.00", Shares(await RefusedAsync("/District/Rounds")));
        // A street of another district.
        form[$"Input.Shares[{outside}]"] = "10000";
        Assert.Contains("不属于本区", Shares(await RefusedAsync("/District/Rounds")));
        form.Remove($"Input.Shares[{outside}]");
        // No street at all.
        form[$"Input.Shares[{dongshan}]"] = "";
        form[$"Input.Shares[{qilin}]"] = "";
        Assert.Contains("区级创投请填写各街道分担的金额", Shares(await RefusedAsync("/District/Rounds")));
        Assert.Empty(await DistrictRoundsAsync(title));

        // 麒麟街道's share is above its 福利彩票公益金: the draft saves, the opening is refused beside 麒麟's line.
        form[$"Input.Shares[{dongshan}]"] = "60000";
        form[$"Input.Shares[{qilin}]"] = "9940000";
        form["Input.Pool"] = "10000000";
        var created = await admin.PostFormAsync("/District/Rounds", form, "/District/Rounds?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var details = created.Headers.Location!.OriginalString;
        var id = Guid.Parse(details.Split('/').Last());
        var round = Grains.GetGrain<IVentureRoundGrain>(id);
        var year = ChinaTime.Year(now);
        var dongshanBefore = (await Grains.GetStreetBudget(dongshan, year).GetAsync()).Available;
        var qilinBefore = (await Grains.GetStreetBudget(qilin, year).GetAsync()).Available;

        var version = (await round.GetInfoAsync())!.Version;
        var open = new Dictionary<string, string> { ["version"] = version.ToString(CultureInfo.InvariantCulture) };
        var refusedOpen = await admin.PostFormAsync(details, open, details + "?handler=Open");
        Assert.Equal(HttpStatusCode.OK, refusedOpen.StatusCode);
        var shareLine = Row(await refusedOpen.Content.ReadAsStringAsync(), "麒麟街道");
        Assert.Contains("可用余额不足", shareLine);
        Assert.Equal(RoundStatus.Draft, (await round.GetInfoAsync())!.Status);
        Assert.Equal(dongshanBefore, (await Grains.GetStreetBudget(dongshan, year).GetAsync()).Available); // 东山's share went back
        Assert.Equal(qilinBefore, (await Grains.GetStreetBudget(qilin, year).GetAsync()).Available);
        Assert.Empty(await Grains.GetStreetBudget(dongshan, year).CheckAsync());

        // The draft is edited on its page: a bad sum is refused beside the shares and nothing changes; then a fitting share.
        form["Input.Pool"] = "100000";
        Assert.Contains("应等于资金池 ¥100,000.00", Shares(await RefusedAsync(details, details + "?handler=Edit&version=" + version)));
        Assert.Equal(Money.FromYuan(10_000_000m), (await round.GetInfoAsync())!.Settings.Pool);
        form[$"Input.Shares[{qilin}]"] = "40000";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(details, form, details + "?handler=Edit&version=" + version)).StatusCode);
        var edited = (await round.GetInfoAsync())!;
        Assert.Equal([(qilin, Money.FromYuan(40_000m)), (dongshan, Money.FromYuan(60_000m))], edited.Settings.Shares.Select(x => (x.StreetId, x.Amount)).OrderBy(x => x.Amount));
        open["version"] = edited.Version.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(details, open, details + "?handler=Open")).StatusCode);
        Assert.Contains("申报中", await admin.GetHtmlAsync(details));
        Assert.Equal(dongshanBefore - Money.FromYuan(60_000m), (await Grains.GetStreetBudget(dongshan, year).GetAsync()).Available);
        Assert.Equal(qilinBefore - Money.FromYuan(40_000m), (await Grains.GetStreetBudget(qilin, year).GetAsync()).Available);

        // 东山街道 sees the round and its own share, read only (the link goes to the public page); 秣陵 pays nothing and sees nothing of it.
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var shared = Row(await official.GetHtmlAsync("/Street/Rounds"), title);
        Assert.Contains("¥60,000.00", shared);
        Assert.Contains($"/Rounds/Details/{id}", shared);
        Assert.Equal(HttpStatusCode.NotFound, (await official.GetAsync($"/Street/Rounds/Details/{id}")).StatusCode);
        using var moling = await AppSession.LoginAsync(Factory, "moling");
        Assert.DoesNotContain(title, await moling.GetHtmlAsync("/Street/Rounds"));

        // The public page shows each street's share.
        using var anonymous = new AppSession(Factory);
        var page = await anonymous.GetHtmlAsync($"/Rounds/Details/{id}");
        var shares = page[page.IndexOf("id=\"round-shares\"", StringComparison.Ordinal)..];
        Assert.Contains("东山街道 ¥60000.00", shares[..shares.IndexOf("</dd>", StringComparison.Ordinal)]);
        Assert.Contains("麒麟街道 ¥40000.00", shares[..shares.IndexOf("</dd>", StringComparison.Ordinal)]);
    }

    /// <summary>The text beside the share lines (the shares fieldset of the form).</summary>
    private static string Shares(string html)
    {
        var start = html.IndexOf("id=\"shares\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page has no share lines");
        return html[start..html.IndexOf("</fieldset>", start, StringComparison.Ordinal)];
    }

    /// <summary>The table row that names <paramref name="text"/>.</summary>
    private static string Row(string html, string text)
    {
        var at = html.IndexOf(text, StringComparison.Ordinal);
        Assert.True(at >= 0, $"the page does not name {text}");
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }
}

public sealed class DistrictRoundPagesTests_Sqlite(SqliteTenderApp app) : DistrictRoundPagesTests(app), IClassFixture<SqliteTenderApp>;

public sealed class DistrictRoundPagesTests_Postgres(PostgresTenderApp app) : DistrictRoundPagesTests(app), IClassFixture<PostgresTenderApp>;
