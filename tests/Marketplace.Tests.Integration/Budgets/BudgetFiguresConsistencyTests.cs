using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Domain;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Reports;

namespace Marketplace.Tests.Integration.Budgets;

/// <summary>
/// One definition of every figure: for every seeded street, the district page, the public JSON and the
/// street's public PDF show the same budget, status, encumbered, committed, disbursed and available.
/// </summary>
public abstract partial class BudgetFiguresConsistencyTests(AppFixture app)
{
    private static readonly int ThisYear = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
    private static readonly string[] Admins = ["admin.jiangning", "admin.wuxing", "admin.wenjiang", "admin.zhenhai"];

    private MarketplaceAppFactory Factory => app.Require();

    private sealed record Figures(string Status, Money Budget, Money Encumbered, Money Committed, Money Disbursed, Money Available);

    private static Money Parse(string text) =>
        MoneyFormat.TryParse(text.Replace(",", "", StringComparison.Ordinal), out var m, out _) ? m : throw new FormatException(text);

    /// <summary>Every street row of the district admins' budget tables, read from the cells the page marks.</summary>
    private async Task<Dictionary<string, Figures>> DistrictPagesAsync()
    {
        var result = new Dictionary<string, Figures>();
        foreach (var admin in Admins)
        {
            using var session = await AppSession.LoginAsync(Factory, admin);
            var html = await session.GetHtmlAsync($"/District/Budgets?year={ThisYear}");
            foreach (Match row in RowPattern().Matches(html))
            {
                var cells = CellPattern().Matches(row.Groups[2].Value).ToDictionary(c => c.Groups[1].Value, c => c.Groups[2].Value.Trim());
                result[row.Groups[1].Value] = new Figures(cells["status"], Parse(cells["budget"]), Parse(cells["encumbered"]),
                    Parse(cells["committed"]), Parse(cells["disbursed"]), Parse(cells["available"]));
            }
        }
        return result;
    }

    [SkippableFact]
    public async Task Every_seeded_street_shows_the_same_figures_on_the_district_page_the_json_and_its_pdf()
    {
        var pages = await DistrictPagesAsync();
        Assert.Equal(36, pages.Count);

        using var anonymous = new AppSession(Factory);
        var json = (await anonymous.Http.GetFromJsonAsync<JsonElement>($"/api/public/budgets?year={ThisYear}")).EnumerateArray().ToList();
        var filed = pages.Where(p => p.Value.Status != "未填报").Select(p => p.Key).Order().ToList();
        Assert.Equal(filed, json.Select(j => j.GetProperty("street").GetString()!).Order().ToList());
        Assert.Contains("待区确认", pages.Values.Select(p => p.Status)); // streets awaiting confirmation are published with their amounts

        foreach (var j in json)
        {
            var name = j.GetProperty("street").GetString()!;
            var page = pages[name];
            var fromJson = new Figures(j.GetProperty("status").GetString()!, Parse(j.GetProperty("budget_total").GetString()!),
                Parse(j.GetProperty("encumbered").GetString()!), Parse(j.GetProperty("committed").GetString()!),
                Parse(j.GetProperty("disbursed").GetString()!), Parse(j.GetProperty("available").GetString()!));
            Assert.Equal(page, fromJson);

            var pdf = PdfText.All(await (await anonymous.GetAsync($"/reports/budget/{ThisYear}/street/{j.GetProperty("street_id").GetInt64()}.pdf"))
                .Content.ReadAsByteArrayAsync());
            Assert.Contains($"年度预算：{MoneyFormat.Yuan(page.Budget)}（{MoneyFormat.Wan(page.Budget)}），{page.Status}", pdf);
            Assert.Contains($"预算占用（已发布公告）{MoneyFormat.Plain(page.Encumbered)}", pdf);
            Assert.Contains($"已承诺（已签合同）{MoneyFormat.Plain(page.Committed)}", pdf);
            Assert.Contains($"已支付{MoneyFormat.Plain(page.Disbursed)}执行率", pdf);
            Assert.Contains($"可用余额{MoneyFormat.Plain(page.Available)}", pdf);
        }
    }

    [SkippableFact]
    public async Task Street_page_and_street_pdf_list_the_same_purchases_and_contract_amounts()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var html = await official.GetHtmlAsync($"/Street/Budget?year={ThisYear}");
        Assert.Contains("data-figure=\"available\">2,110,000.00", html); // 2,950,000 − 420,000 committed − 420,000 disbursed
        var pdf = PdfText.All(await (await official.GetAsync($"/Street/Budget?handler=Pdf&year={ThisYear}")).Content.ReadAsByteArrayAsync());
        Assert.Contains("可用余额2,110,000.00", pdf);
        Assert.DoesNotContain("预算减已承诺", pdf);
        // 养老助残: contract JN-DS-2026-001 is 480,000 (half of it paid) on the page and in §三 alike.
        Assert.Contains("480,000.00", html);
        Assert.Matches(new Regex("养老助残1(?:0\\.00|[0-9,.]*)480,000\\.00"), pdf);
        // §五 lists the purchases §三 counts: three contracts this year.
        Assert.DoesNotContain("本年度暂无购买项目", pdf);
        var purchases = PurchaseRowPattern().Matches(html.Split("id=\"purchases\"")[1].Split("</table>")[0]).Count;
        Assert.Equal(3, purchases);
        Assert.Contains("居家养老上门服务项目合同签订", pdf);
        Assert.Contains("合计3", pdf);
    }

    [SkippableFact]
    public async Task District_pdf_shows_a_street_awaiting_confirmation_with_its_amount_like_the_page()
    {
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var html = await admin.GetHtmlAsync($"/District/Budgets?year={ThisYear}");
        var tangshan = RowPattern().Matches(html).Single(m => m.Groups[1].Value == "汤山街道").Groups[2].Value;
        Assert.Contains("待区确认", tangshan);
        Assert.Contains("1,850,000.00", tangshan);
        using var anonymous = new AppSession(Factory);
        var district = (await anonymous.Http.GetFromJsonAsync<JsonElement>($"/api/public/budgets?year={ThisYear}")).EnumerateArray()
            .First(j => j.GetProperty("street").GetString() == "汤山街道").GetProperty("district_id").GetInt64();
        var pdf = PdfText.All(await (await anonymous.GetAsync($"/reports/budget/{ThisYear}/district/{district}.pdf")).Content.ReadAsByteArrayAsync());
        Assert.Contains("汤山街道（待区确认）1,850,000.00未达标", pdf);
    }

    [GeneratedRegex("<tr class=\"[^\"]*\" data-street=\"([^\"]+)\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("data-figure=\"(\\w+)\"[^>]*>([^<]*)<")]
    private static partial Regex CellPattern();

    [GeneratedRegex("<tr><td class=\"text-start\">")]
    private static partial Regex PurchaseRowPattern();
}

public sealed class BudgetFiguresConsistencyTests_Sqlite(SqliteApp app) : BudgetFiguresConsistencyTests(app), IClassFixture<SqliteApp>;

public sealed class BudgetFiguresConsistencyTests_Postgres(PostgresApp app) : BudgetFiguresConsistencyTests(app), IClassFixture<PostgresApp>;
