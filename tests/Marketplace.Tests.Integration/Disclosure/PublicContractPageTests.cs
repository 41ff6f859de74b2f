using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Contracts;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Disclosure;

/// <summary>GET /Contracts/{id} without signing in: a signed contract's parties, amounts in figures and 大写, tranches and grades; nothing else.</summary>
public abstract class PublicContractPageTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Excellent = "秣陵街道社区睦邻互助点运营服务"; // seeded: closed, 优秀, ¥150,000 all paid

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static string Row(string html, string id) =>
        Regex.Match(html, $"<(?:tr|dd)[^>]*id=\"{id}\"[^>]*>(.*?)</(?:tr|dd)>", RegexOptions.Singleline) is { Success: true } m ? m.Groups[1].Value : "";

    [SkippableFact]
    public async Task The_list_links_to_the_page_which_shows_a_paid_tranche_with_its_amount_in_capitals()
    {
        var id = await QueryAsync(db => db.Contracts.Where(c => c.Title == Excellent).Select(c => c.Id).SingleAsync());
        using var anonymous = new AppSession(Factory);
        Assert.Contains($"href=\"/Contracts/{id}\"", await anonymous.GetHtmlAsync("/Contracts"));

        var html = await anonymous.GetHtmlAsync($"/Contracts/{id}");
        Assert.Contains("52320115", Row(html, "supplier")); // the organization's USCC
        Assert.Contains("¥150,000.00（大写：人民币壹拾伍万元整）", Row(html, "amount"));
        var first = Row(html, "tranche-1");
        Assert.Contains("已支付", first);
        Assert.Contains("¥75,000.00", first);
        Assert.Contains("人民币柒万伍仟元整", first);
        Assert.Contains("优秀", Row(html, "tranche-3"));
        Assert.Contains("<table class=\"table table-sm\" id=\"evaluations\">", html);
        Assert.Contains($"href=\"/Contracts/{id}/Rate\"", html);
        // Nothing personal: the account paid into and who signed stay off the public page.
        var state = await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IContractGrain>(id).GetAsync();
        Assert.DoesNotContain(state!.Account!.AccountNumber, html);
        Assert.DoesNotContain(state.StreetSignature!.By, html);
    }

    [SkippableFact]
    public async Task An_unknown_or_only_drafted_contract_is_not_found()
    {
        var tender = await ContractFlow.AwardedAsync(Factory, app.Clock, "公开合同页测试 居家养老上门服务");
        var grains = Factory.Services.GetRequiredService<IGrainFactory>();
        var streetId = (await grains.GetGrain<ITenderGrain>(tender).GetInfoAsync())!.StreetId;
        var start = ChinaTime.Day(app.Clock.GetUtcNow());
        var drafted = await grains.GetGrain<IContractGrain>(tender)
            .CreateFromAwardAsync(new ContractDraft(streetId, start, ContractTerm.LastDay(start, 1), null, PaymentSchedule.Default, []), "dongshan");
        Assert.True(drafted.Succeeded);

        using var anonymous = new AppSession(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Contracts/{tender}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Contracts/{Guid.NewGuid()}")).StatusCode);
        // Once signed by both sides it is public.
        Assert.True((await grains.GetGrain<IContractGrain>(tender).SignAsStreetAsync(streetId, "dongshan")).Succeeded);
        Assert.True((await grains.GetGrain<IContractGrain>(tender).SignAsOrganizationAsync(ContractFlow.Qiming, ContractFlow.Account, "ngo.qiming")).Succeeded);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/Contracts/{tender}")).StatusCode);
    }
}

public sealed class PublicContractPageTests_Sqlite(SqliteTenderApp app) : PublicContractPageTests(app), IClassFixture<SqliteTenderApp>;

public sealed class PublicContractPageTests_Postgres(PostgresTenderApp app) : PublicContractPageTests(app), IClassFixture<PostgresTenderApp>;
