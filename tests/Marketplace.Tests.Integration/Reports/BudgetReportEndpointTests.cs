using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Marketplace.Domain;

namespace Marketplace.Tests.Integration.Reports;

/// <summary>The public budget reports: real PDFs, read back, reachable without login by the public JSON's ids.</summary>
public abstract class BudgetReportEndpointTests(AppFixture app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private static int Year => ChinaTime.Year(DateTimeOffset.UtcNow);

    private async Task<(long Id, long DistrictId)> StreetAsync(string name)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var s = await db.Streets.SingleAsync(x => x.Name == name);
        return (s.Id, s.DistrictId);
    }

    [SkippableFact]
    public async Task Street_report_is_a_searchable_chinese_pdf_with_the_floor()
    {
        using var anonymous = new AppSession(Factory);
        var (dongshan, _) = await StreetAsync("东山街道");
        var response = await anonymous.GetAsync($"/reports/budget/{Year}/street/{dongshan}.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var text = PdfText.All(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("街道购买服务年度预算执行报告", text);
        Assert.Contains("东山街道", text);
        Assert.Contains("2,000,000.00", text);
        Assert.Contains("达标", text);
        Assert.DoesNotContain("未达标", text);
    }

    [SkippableFact]
    public async Task District_report_lists_every_street_and_the_one_below_the_floor_first()
    {
        using var anonymous = new AppSession(Factory);
        var (_, wuxing) = await StreetAsync("朝阳街道");
        var response = await anonymous.GetAsync($"/reports/budget/{Year}/district/{wuxing}.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = PdfText.All(await response.Content.ReadAsByteArrayAsync());
        await using var scope = Factory.Services.CreateAsyncScope();
        var streets = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Streets
            .Where(s => s.DistrictId == wuxing).Select(s => s.Name).ToListAsync();
        Assert.Equal(12, streets.Count);
        Assert.All(streets, s => Assert.Contains(s, text));
        // 朝阳街道 has 1,999,999.99 this year: named in the summary box before any other street.
        var firstStreet = streets.Select(s => (Name: s, At: text.IndexOf(s, StringComparison.Ordinal))).MinBy(x => x.At);
        Assert.Equal("朝阳街道", firstStreet.Name);
        Assert.Contains("未达标", text);
    }

    [SkippableFact]
    public async Task Report_ids_are_those_of_the_public_budget_json()
    {
        using var anonymous = new AppSession(Factory);
        var budgets = await anonymous.Http.GetFromJsonAsync<JsonElement>($"/api/public/budgets?year={Year}");
        var first = budgets.EnumerateArray().First();
        var street = first.GetProperty("street_id").GetInt64();
        var district = first.GetProperty("district_id").GetInt64();
        var text = PdfText.All(await (await anonymous.GetAsync($"/reports/budget/{Year}/street/{street}.pdf")).Content.ReadAsByteArrayAsync());
        Assert.Contains(first.GetProperty("street").GetString()!, text);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/reports/budget/{Year}/district/{district}.pdf")).StatusCode);
    }

    [SkippableFact]
    public async Task Officials_download_their_own_reports_from_their_budget_pages()
    {
        using var official = await AppSession.LoginAsync(Factory, "moling");
        Assert.Contains("handler=Pdf", await official.GetHtmlAsync($"/Street/Budget?year={Year}"));
        var street = PdfText.All(await (await official.GetAsync($"/Street/Budget?handler=Pdf&year={Year}")).Content.ReadAsByteArrayAsync());
        Assert.Contains("秣陵街道", street);
        Assert.DoesNotContain("东山街道", street);

        using var admin = await AppSession.LoginAsync(Factory, "admin.zhenhai");
        var response = await admin.GetAsync($"/District/Budgets?handler=Pdf&year={Year}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var district = PdfText.All(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("镇海区", district);
        Assert.Contains("庄市街道", district);
        Assert.DoesNotContain("东山街道", district);

        using var anonymous = new AppSession(Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/Street/Budget?handler=Pdf&year={Year}")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("street/999999")]
    [InlineData("district/999999")]
    public async Task Unknown_street_or_district_is_404(string path)
    {
        using var anonymous = new AppSession(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/reports/budget/{Year}/{path}.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/reports/budget/1066/{path}.pdf")).StatusCode);
    }
}

public sealed class BudgetReportEndpointTests_Sqlite(SqliteApp app) : BudgetReportEndpointTests(app), IClassFixture<SqliteApp>;

public sealed class BudgetReportEndpointTests_Postgres(PostgresApp app) : BudgetReportEndpointTests(app), IClassFixture<PostgresApp>;
