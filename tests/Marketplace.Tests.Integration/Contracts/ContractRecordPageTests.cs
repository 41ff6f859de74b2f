using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Contracts;

/// <summary>合同补录 on its page: a paper contract entered from its record, signed by both sides; above available refused beside the amount.</summary>
public abstract partial class ContractRecordPageTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Page = "/Street/Contracts/Record";

    private Dictionary<string, string> Form(string title, string amount, string fiscal)
    {
        var start = ChinaTime.Day(app.Clock.GetUtcNow());
        return new()
        {
            ["Input.Title"] = title, ["Input.PaperNumber"] = "JN-DS-2026-021", ["Input.Uscc"] = ContractFlow.Qiming,
            ["Input.ServiceAreaCode"] = "elderly", ["Input.Content"] = "为辖区独居老人提供上门探访和应急联络服务",
            ["Input.Deliverables"] = "探访台账；个案服务200人次", ["Input.TermStart"] = start.ToString("yyyy-MM-dd"),
            ["Input.TermEnd"] = ContractTerm.LastDay(start, 1).ToString("yyyy-MM-dd"), ["Input.Amount"] = amount, ["Input.Funding[0]"] = fiscal,
        };
    }

    [SkippableFact]
    public async Task A_paper_contract_is_entered_from_its_record_and_above_available_is_refused_beside_the_amount()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        Assert.Contains(Page, await official.GetHtmlAsync("/Street/Contracts"));

        // Far above what 东山街道 has: refused beside the amount with the shortfall named, nothing entered.
        var above = await official.PostFormAsync(Page, Form("补录测试 超出可用预算", "900000000.00", "900000000.00"));
        Assert.Equal(HttpStatusCode.OK, above.StatusCode);
        var html = await above.Content.ReadAsStringAsync();
        Assert.Matches("财政资金可用余额不足，差 ¥", AmountError().Match(html).Groups["m"].Value);
        Assert.Contains("value=\"补录测试 超出可用预算\"", html);

        // No title, and a split not adding up to the amount: each beside its field.
        var bad = await (await official.PostFormAsync(Page, Form("", "80000.00", "70000.00"))).Content.ReadAsStringAsync();
        Assert.Contains("请填写项目名称（不超过200个字）", bad);
        Assert.Contains("与总额 ¥80,000.00 不一致", bad);

        var created = await official.PostFormAsync(Page, Form("补录测试 居家养老上门探访", "80000.00", "80000.00"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
        var details = await official.GetHtmlAsync($"/Street/Contracts/Details/{id}");
        Assert.Contains("合同已补录", details);
        Assert.Contains("纸质合同编号 JN-DS-2026-021", details);

        // Both sides confirm on the platform; signing commits the amount from available.
        var contract = Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IContractGrain>(id);
        var streetId = (await contract.GetAsync())!.StreetId;
        Assert.True((await contract.SignAsStreetAsync(streetId, "dongshan")).Succeeded);
        Assert.True((await contract.SignAsOrganizationAsync(ContractFlow.Qiming, ContractFlow.Account, "ngo.qiming")).Succeeded);
        Assert.Equal((ContractStatus.Signed, Money.FromYuan(80_000m)), ((await contract.GetAsync())!.Status, (await contract.GetAsync())!.Amount));

        // Another street's official cannot open it.
        using var moling = await AppSession.LoginAsync(Factory, "moling");
        Assert.Equal(HttpStatusCode.NotFound, (await moling.GetAsync($"/Street/Contracts/Details/{id}")).StatusCode);
    }

    [GeneratedRegex("""id="amount-error"[^>]*>(?:<span[^>]*>)?(?<m>[^<]*)""")]
    private static partial Regex AmountError();
}

public sealed class ContractRecordPageTests_Sqlite(SqliteTenderApp app) : ContractRecordPageTests(app), IClassFixture<SqliteTenderApp>;

public sealed class ContractRecordPageTests_Postgres(PostgresTenderApp app) : ContractRecordPageTests(app), IClassFixture<PostgresTenderApp>;
