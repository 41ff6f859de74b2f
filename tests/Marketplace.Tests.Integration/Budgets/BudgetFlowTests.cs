using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Marketplace.Budgets;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Marketplace.Domain;

namespace Marketplace.Tests.Integration.Budgets;

/// <summary>Street budgets and the ledger end to end over HTTP, on each database, with the seeded demo budgets.</summary>
public abstract partial class BudgetFlowTests(AppFixture app)
{
    private static readonly int ThisYear = ChinaTime.Year(DateTimeOffset.UtcNow);

    private MarketplaceAppFactory Factory => app.Require();

    private async Task<long> StreetIdAsync(string district, string street)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Streets.Where(s => s.Name == street && s.District!.Name == district).Select(s => s.Id).SingleAsync();
    }

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    private static Dictionary<string, string> Budget(int year, string total, string fiscal, string lottery = "", string fund = "", string social = "", int version = 0) => new()
    {
        ["Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Total"] = total, ["Input.Fiscal"] = fiscal, ["Input.WelfareLottery"] = lottery,
        ["Input.StreetNgoFund"] = fund, ["Input.SocialCapital"] = social, ["Input.Note"] = "",
    };

    [SkippableFact]
    public async Task Street_official_sees_the_year_by_source_and_service_area_with_the_floor_check()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var html = await official.GetHtmlAsync($"/Street/Budget?year={ThisYear}");
        Assert.Contains("东山街道", html);
        Assert.Contains("达到最低标准", html);
        Assert.Contains("福利彩票公益金", html);
        Assert.Contains("养老助残", html);      // seeded contract JN-DS-2026-001
        Assert.Contains("青少年服务", html);
        Assert.Contains("480,000.00", html);    // 2026-001: 400,000 fiscal + 80,000 lottery under 养老助残
    }

    [SkippableFact]
    public async Task Official_of_another_street_can_neither_see_nor_change_this_streets_budget()
    {
        var dongshan = await StreetIdAsync("江宁区", "东山街道");
        var before = await QueryAsync(db => db.StreetBudgets.AsNoTracking().SingleAsync(b => b.StreetId == dongshan && b.Year == ThisYear));

        using var moling = await AppSession.LoginAsync(Factory, "moling");
        Assert.Equal(HttpStatusCode.NotFound, (await moling.GetAsync($"/Budgets/Ledger?street={dongshan}&year={ThisYear}")).StatusCode);
        var districtPage = await moling.GetAsync($"/District/Budgets?year={ThisYear}");
        Assert.Equal(HttpStatusCode.Redirect, districtPage.StatusCode);
        Assert.StartsWith("/Error/403", districtPage.Headers.Location!.PathAndQuery);
        // The street page only ever shows the signed-in official's own street.
        Assert.DoesNotContain("东山街道", await moling.GetHtmlAsync($"/Street/Budget?year={ThisYear}"));
        // A confirmation posted by a street official is refused by role.
        var confirm = await moling.PostFormAsync($"/Street/Budget?year={ThisYear}",
            new Dictionary<string, string> { ["street"] = $"{dongshan}", ["version"] = $"{before.Version}" },
            $"/District/Budgets?handler=Confirm&year={ThisYear}");
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.StartsWith("/Error/403", confirm.Headers.Location!.PathAndQuery);

        // An admin of another district cannot read or confirm it either.
        using var wuxing = await AppSession.LoginAsync(Factory, "admin.wuxing");
        Assert.Equal(HttpStatusCode.NotFound, (await wuxing.GetAsync($"/Budgets/Ledger?street={dongshan}&year={ThisYear}")).StatusCode);
        Assert.DoesNotContain("东山街道", await wuxing.GetHtmlAsync($"/District/Budgets?year={ThisYear}"));
        var foreignConfirm = await wuxing.PostFormAsync($"/District/Budgets?year={ThisYear}",
            new Dictionary<string, string> { ["street"] = $"{dongshan}", ["version"] = $"{before.Version}" },
            $"/District/Budgets?handler=Confirm&year={ThisYear}");
        Assert.Equal(HttpStatusCode.NotFound, foreignConfirm.StatusCode);

        var after = await QueryAsync(db => db.StreetBudgets.AsNoTracking().SingleAsync(b => b.StreetId == dongshan && b.Year == ThisYear));
        Assert.Equal((before.Version, before.Planned, before.Allocated, before.Status), (after.Version, after.Planned, after.Allocated, after.Status));
    }

    [SkippableFact]
    public async Task Budget_one_fen_below_the_floor_is_saved_flagged_confirmed_and_published()
    {
        var year = ThisYear + 1;
        var street = await StreetIdAsync("江宁区", "东山街道");
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var saved = await official.PostFormAsync($"/Street/Budget/Edit?year={year}",
            Budget(year, "1,999,999.99", "1599999.99", "200000", "200000"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await official.GetHtmlAsync($"/Street/Budget?year={year}");
        Assert.Contains("data-flag=\"floor\"", page);
        Assert.Contains("差 ¥0.01", page);
        Assert.Contains("待区确认", page);

        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var table = await admin.GetHtmlAsync($"/District/Budgets?year={year}");
        Assert.Matches(new Regex("<tr class=\"table-danger\" data-street=\"东山街道\">"), table);
        var version = await QueryAsync(db => db.StreetBudgets.Where(b => b.StreetId == street && b.Year == year).Select(b => b.Version).SingleAsync());
        var confirmed = await admin.PostFormAsync($"/District/Budgets?year={year}",
            new Dictionary<string, string> { ["street"] = $"{street}", ["version"] = $"{version}" },
            $"/District/Budgets?handler=Confirm&year={year}");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        using var anonymous = new AppSession(Factory);
        var json = await anonymous.Http.GetFromJsonAsync<JsonElement>($"/api/public/budgets?year={year}");
        var row = Assert.Single(json.EnumerateArray(), r => r.GetProperty("street").GetString() == "东山街道");
        Assert.Equal("1999999.99", row.GetProperty("budget_total").GetString());
        Assert.False(row.GetProperty("meets_floor").GetBoolean());
        Assert.Equal("1999999.99", row.GetProperty("available").GetString());

        var ledger = await official.GetHtmlAsync($"/Budgets/Ledger?year={year}&kind=Allocation");
        Assert.Contains("预算下达", ledger);
        Assert.Contains("1,599,999.99", ledger);
    }

    [SkippableTheory]
    [InlineData("Input.Total", "-1", "金额不能为负数")]
    [InlineData("Input.Total", "abc", "金额格式不正确")]
    [InlineData("Input.Total", "100.001", "最多保留两位小数")]
    [InlineData("Input.Total", "1000000000000.01", "超出允许范围")]
    [InlineData("Input.Fiscal", "-5", "金额不能为负数")]
    [InlineData("Input.WelfareLottery", "1e6", "金额格式不正确")]
    public async Task Bad_budget_amount_is_refused_beside_the_field_and_nothing_is_saved(string field, string value, string message)
    {
        var year = ThisYear + 5;
        using var official = await AppSession.LoginAsync(Factory, "yuehe");
        var form = Budget(year, "2000000", "2000000");
        form[field] = value;
        await AssertRefusedAsync(official, year, form, field, message);
    }

    [SkippableFact]
    public async Task Split_not_adding_up_to_the_total_is_refused_and_nothing_is_saved()
    {
        var year = ThisYear + 5;
        using var official = await AppSession.LoginAsync(Factory, "yuehe");
        await AssertRefusedAsync(official, year, Budget(year, "2000000.00", "1500000", "400000"), "Input.Split", "不一致");
    }

    private async Task AssertRefusedAsync(AppSession official, int year, Dictionary<string, string> form, string field, string message)
    {
        var response = await official.PostFormAsync($"/Street/Budget/Edit?year={year}", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var span = new Regex($"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)<").Match(html);
        Assert.True(span.Success, $"no validation message for {field}");
        Assert.Contains(message, span.Groups[1].Value);
        var street = await StreetIdAsync("吴兴区", "月河街道");
        Assert.False(await QueryAsync(db => db.StreetBudgets.AnyAsync(b => b.StreetId == street && b.Year == year)));
    }

    [SkippableFact]
    public async Task Public_budgets_give_every_filed_street_with_its_status_and_exactly_two_decimals()
    {
        using var anonymous = new AppSession(Factory);
        var json = await anonymous.Http.GetFromJsonAsync<JsonElement>($"/api/public/budgets?year={ThisYear}");
        var rows = json.EnumerateArray().ToList();
        Assert.True(rows.Count >= 30, $"only {rows.Count} streets");
        string[] fields = ["district_id", "street_id", "district", "street", "year", "status", "budget_total", "floor", "meets_floor", "previous_year_total",
            "meets_growth", "allocated", "encumbered", "committed", "disbursed", "available", "funding_sources"];
        Assert.All(rows, r => Assert.Equal(fields, r.EnumerateObject().Select(p => p.Name)));
        var amount = new Regex(@"^\d+\.\d{2}$");
        Assert.All(rows, r =>
        {
            foreach (var f in new[] { "budget_total", "floor", "allocated", "encumbered", "committed", "disbursed", "available" })
            {
                Assert.Matches(amount, r.GetProperty(f).GetString()!);
            }
            Assert.All(r.GetProperty("funding_sources").EnumerateArray(), s => Assert.Matches(amount, s.GetProperty("amount").GetString()!));
        });
        var chaoyang = Assert.Single(rows, r => r.GetProperty("street").GetString() == "朝阳街道");
        Assert.Equal("1999999.99", chaoyang.GetProperty("budget_total").GetString());
        Assert.Equal("2000000.00", chaoyang.GetProperty("floor").GetString());
        Assert.False(chaoyang.GetProperty("meets_floor").GetBoolean());
        var moling = Assert.Single(rows, r => r.GetProperty("street").GetString() == "秣陵街道");
        Assert.True(moling.GetProperty("meets_floor").GetBoolean());
        Assert.False(moling.GetProperty("meets_growth").GetBoolean());
        Assert.Equal("2400000.00", moling.GetProperty("previous_year_total").GetString());

        var page = await anonymous.GetHtmlAsync($"/Budgets?year={ThisYear}");
        Assert.Contains("<tr class=\"table-danger\" data-street=\"朝阳街道\" data-status=\"confirmed\">", page);
        Assert.Contains("差 ¥0.01", page);
        // Entered but not yet confirmed: published with its amount and status, as the district page shows it; nothing allocated yet.
        var tangshanRow = Regex.Match(page, "<tr[^>]*data-street=\"汤山街道\" data-status=\"pending\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("待区确认", tangshanRow);
        Assert.Contains("1,850,000.00", tangshanRow);
        var tangshan = Assert.Single(rows, r => r.GetProperty("street").GetString() == "汤山街道");
        Assert.Equal(("待区确认", "1850000.00", "0.00", "0.00"), (tangshan.GetProperty("status").GetString(), tangshan.GetProperty("budget_total").GetString(),
            tangshan.GetProperty("allocated").GetString(), tangshan.GetProperty("available").GetString()));

        var bad = await anonymous.GetAsync("/api/public/budgets?year=abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [SkippableFact]
    public async Task District_table_sorts_flags_and_exports_xlsx()
    {
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var html = await admin.GetHtmlAsync($"/District/Budgets?year={ThisYear}&sort=total");
        var tangshan = html.IndexOf("data-street=\"汤山街道\"", StringComparison.Ordinal);
        Assert.True(tangshan > 0);
        Assert.True(tangshan < html.IndexOf("data-street=\"东山街道\"", StringComparison.Ordinal)); // 1,850,000 sorts first
        Assert.Contains("<tr class=\"table-danger\" data-street=\"汤山街道\">", html);
        Assert.Contains("差 ¥150,000.00", html);
        Assert.Contains("<tr class=\"table-danger\" data-street=\"秣陵街道\">", html); // below last year

        var export = await admin.GetAsync($"/District/Budgets?handler=Export&year={ThisYear}&sort=total");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), false);
        var rows = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
        Assert.Equal("街道", rows[0][0]);
        Assert.Equal(10 + 1, rows.Count);  // 江宁区 has 10 streets
        Assert.Equal("汤山街道", rows[1][0]);
        Assert.Equal(1_850_000m, decimal.Parse(rows[1][2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("否", rows[1][4]);
        Assert.Equal(150_000m, decimal.Parse(rows[1][5], System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task District_floor_and_source_restrictions_are_configurable()
    {
        using var admin = await AppSession.LoginAsync(Factory, "admin.zhenhai");
        var bad = await admin.PostFormAsync("/District/Budgets/Policy", Policy("abc", socialCapital: true));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("金额格式不正确", await bad.Content.ReadAsStringAsync());

        var saved = await admin.PostFormAsync("/District/Budgets/Policy", Policy("5,000,000.00", socialCapital: false));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var table = await admin.GetHtmlAsync($"/District/Budgets?year={ThisYear}");
        Assert.Contains("¥5,000,000.00", table);
        Assert.Equal(5, Regex.Matches(table, "<tr class=\"table-danger\" data-street=").Count); // every 镇海 street is now below

        using var official = await AppSession.LoginAsync(Factory, "zhuangshi");
        var year = ThisYear + 2;
        var refused = await official.PostFormAsync($"/Street/Budget/Edit?year={year}", Budget(year, "2100000", "2000000", social: "100000"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches(new Regex("data-valmsg-for=\"Input.SocialCapital\"[^>]*>[^<]*未启用"), await refused.Content.ReadAsStringAsync());
    }

    private static IEnumerable<KeyValuePair<string, string>> Policy(string floor, bool socialCapital)
    {
        yield return new("Input.Floor", floor);
        var sources = new[] { (FundingSource.Fiscal, true, false), (FundingSource.WelfareLottery, true, true),
            (FundingSource.StreetNgoFund, true, false), (FundingSource.SocialCapital, socialCapital, false) };
        for (var i = 0; i < sources.Length; i++)
        {
            var (source, enabled, welfareOnly) = sources[i];
            yield return new($"Input.Sources[{i}].Source", source.ToString());
            yield return new($"Input.Sources[{i}].Enabled", enabled ? "true" : "false");
            yield return new($"Input.Sources[{i}].PublicWelfareOnly", welfareOnly ? "true" : "false");
        }
    }

    [SkippableFact]
    public async Task Ledger_checks_pass_on_the_seeded_books_and_ledger_filters_by_kind()
    {
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var checks = await admin.GetHtmlAsync($"/District/Budgets/Checks?year={ThisYear}");
        Assert.Contains("全部通过", checks);

        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var disbursements = await official.GetHtmlAsync($"/Budgets/Ledger?year={ThisYear}&kind={PostingKind.Disbursement}");
        Assert.Contains("首期款", disbursements);
        Assert.DoesNotContain("居家养老上门服务项目合同签订", disbursements);
        var search = await official.GetHtmlAsync($"/Budgets/Ledger?year={ThisYear}&q=JN-DS-2026-004");
        Assert.Contains("合同解除", search);
        Assert.DoesNotContain("首期款", search);
    }
}

public sealed class BudgetFlowTests_Sqlite(SqliteApp app) : BudgetFlowTests(app), IClassFixture<SqliteApp>;

public sealed class BudgetFlowTests_Postgres(PostgresApp app) : BudgetFlowTests(app), IClassFixture<PostgresApp>;
