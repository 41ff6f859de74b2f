using System.Net;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Contracts;

/// <summary>A contract through the pages: drafted and signed by both sides, 50% released, public JSON; tenants kept apart.</summary>
public abstract class ContractPagesTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Qiming = ContractFlow.Qiming;

    private Task<Guid> AwardedAsync() => ContractFlow.AwardedAsync(Factory, app.Clock);

    private static string Street(Guid id) => $"/Street/Contracts/Details/{id}";
    private static string Ngo(Guid id) => $"/Ngo/Contracts/Details/{id}";

    [SkippableFact]
    public async Task Both_sides_sign_the_official_releases_the_first_tranche_and_the_public_json_shows_it_paid()
    {
        var id = await AwardedAsync();
        // Signed in after the clock moved past 公示, so the sign-in cookie is fresh.
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync("/Street/Contracts", [], $"/Street/Contracts?handler=Create&id={id}"));

        // The NGO cannot sign before the street; the refusal shows at the top of the page.
        using var qiming = await AppSession.LoginAsync(Factory, "ngo.qiming");
        var early = await qiming.PostFormAsync(Ngo(id), [], Ngo(id) + "?handler=Sign");
        Assert.Contains("请等待街道先签订合同", await early.Content.ReadAsStringAsync());

        await TenderForms.AssertRedirectAsync(await official.PostFormAsync(Street(id), [], Street(id) + "?handler=Sign"));
        var badAccount = await qiming.PostFormAsync(Ngo(id), new() { ["Bank"] = "中国银行南京江宁支行", ["AccountName"] = "启明", ["AccountNumber"] = "12ab" }, Ngo(id) + "?handler=Sign");
        Assert.Contains("银行账号应为8至32位数字", await badAccount.Content.ReadAsStringAsync());
        await TenderForms.AssertRedirectAsync(await qiming.PostFormAsync(Ngo(id),
            new() { ["Bank"] = "中国银行南京江宁支行", ["AccountName"] = "江宁区启明社会工作事务所", ["AccountNumber"] = "4880581234567890" }, Ngo(id) + "?handler=Sign"));

        await TenderForms.AssertRedirectAsync(await official.PostFormAsync(Street(id), [], Street(id) + "?handler=Pay&no=1"));
        var again = await official.PostFormAsync(Street(id), [], Street(id) + "?handler=Pay&no=1");
        Assert.Contains("该付款节点已支付", await again.Content.ReadAsStringAsync());
        var page = await official.GetHtmlAsync(Street(id));
        Assert.Contains("贰拾陆万元整", page);
        var pdf = await official.GetAsync(Street(id) + "?handler=Pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.True((await pdf.Content.ReadAsByteArrayAsync()).AsSpan(0, 4).SequenceEqual("%PDF"u8));
        Assert.Contains("/api/public/contracts", await OpenApiDocumentAsync());

        var streetId = await QueryAsync(db => db.Contracts.Where(c => c.Id == id).Select(c => c.StreetId).SingleAsync());
        using var anonymous = new AppSession(Factory);
        var json = JsonDocument.Parse(await anonymous.Http.GetStringAsync($"/api/public/contracts?street={streetId}"));
        var contract = json.RootElement.EnumerateArray().Single(c => c.GetProperty("contractId").GetGuid() == id);
        Assert.Equal("52320115MJ5K631475", contract.GetProperty("uscc").GetString());
        Assert.Equal(["paid", "planned", "planned"], contract.GetProperty("tranches").EnumerateArray().Select(t => t.GetProperty("status").GetString()));
        Assert.Equal(["130000.00", "78000.00", "52000.00"], contract.GetProperty("tranches").EnumerateArray().Select(t => t.GetProperty("amount").GetString()));
        Assert.Contains("已支付", await anonymous.GetHtmlAsync("/Contracts"));
    }

    [SkippableFact]
    public async Task Another_streets_official_another_ngo_and_an_unassigned_evaluator_get_404()
    {
        var id = await AwardedAsync();
        // Signed in after the clock moved past 公示, so the sign-in cookie is fresh.
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync("/Street/Contracts", [], $"/Street/Contracts?handler=Create&id={id}"));

        using var other = await AppSession.LoginAsync(Factory, "moling");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(Street(id))).StatusCode);
        using var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia");
        Assert.Equal(HttpStatusCode.NotFound, (await lejia.GetAsync(Ngo(id))).StatusCode);
        using var expert = await AppSession.LoginAsync(Factory, "expert.zhao");
        Assert.Equal(HttpStatusCode.NotFound, (await expert.GetAsync($"/Evaluator/Evaluations/{id}")).StatusCode);
        Assert.DoesNotContain(id.ToString(), await expert.GetHtmlAsync("/Evaluator/Evaluations"));
        Assert.Equal(ContractStatus.Drafted, await QueryAsync(db => db.Contracts.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
    }

    private async Task<string> OpenApiDocumentAsync()
    {
        using var anonymous = new AppSession(Factory);
        return await anonymous.Http.GetStringAsync("/openapi/v1.json");
    }

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

public sealed class ContractPagesTests_Sqlite(SqliteTenderApp app) : ContractPagesTests(app), IClassFixture<SqliteTenderApp>;

public sealed class ContractPagesTests_Postgres(PostgresTenderApp app) : ContractPagesTests(app), IClassFixture<PostgresTenderApp>;
