using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Contracts;
using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.Tests.Integration.Browser;

/// <summary>
/// A contract in Chromium: both sides sign, the organization files its mid-term report, the evaluator scores,
/// the official releases the tranche and the public contract page shows it paid.
/// </summary>
public sealed class ContractBrowserTests(TenderBrowserFixture browser) : IClassFixture<TenderBrowserFixture>
{
    private const string Yilin = "52320115MJ5K06310Y"; // 益邻, the district's 互评 organization here

    private Task<IPage> LoginAsync(string userName) => browser.LoginAsync(userName);

    private static async Task FillAsync(IPage page, params (string Selector, string Value)[] fields)
    {
        foreach (var (selector, value) in fields)
        {
            await page.Locator(selector).FillAsync(value);
        }
    }

    [SkippableFact]
    public async Task Both_sides_sign_the_ngo_reports_the_evaluator_scores_the_official_pays_and_the_public_page_shows_it_paid()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var title = "东山街道助餐配送服务" + Guid.NewGuid().ToString("N")[..4];
        var official = await LoginAsync("dongshan");
        await BrowserForms.PublishNoticeAsync(official, title, browser.Clock.GetUtcNow().AddHours(1));
        var id = Guid.Parse(official.Url.Split('/')[^1].Split('?')[0]);

        // No applications: after the deadline the purchase fails and goes single-source to 启明; 公示 ends.
        var tender = browser.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenderGrain>(id);
        browser.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(TenderStatus.Failed, (await tender.CloseAsync()).Value!.Status);
        Assert.True((await tender.SwitchToSingleSourceAsync(ContractFlow.Qiming, Money.FromYuan(260_000m),
            "该服务须与街道既有的助餐信息平台对接，只能从唯一供应商处采购", "dongshan")).Succeeded);
        browser.Clock.Advance((await tender.GetInfoAsync())!.Award!.PublicityEndsAt - browser.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        Assert.Equal(TenderStatus.ReadyForContract, (await tender.EndPublicityAsync()).Value!.Status);

        // Signed in again after the clock moved, so the cookies are fresh.
        official = await LoginAsync("dongshan");
        await official.GotoAsync("/Street/Contracts");
        await official.Locator($"#create-{id}").ClickAsync();
        await official.Locator("#sign").ClickAsync();
        await Assertions.Expect(official.Locator(".alert-success").First).ToContainTextAsync("街道已签订");

        var ngo = await LoginAsync("ngo.qiming");
        await ngo.GotoAsync($"/Ngo/Contracts/Details/{id}");
        await FillAsync(ngo, ("#bank", "中国银行南京江宁支行"), ("#accountName", "江宁区启明社会工作事务所"), ("#accountNumber", "4880581234567890"));
        await ngo.Locator("#sign").ClickAsync();
        await Assertions.Expect(ngo.Locator("#status")).ToContainTextAsync("已签订");

        var admin = await LoginAsync("admin.jiangning");
        await admin.GotoAsync($"/District/Contracts/{id}");
        await FillAsync(admin, ("#peers", Yilin), ("#evaluators", "pinggu.hengxin"));
        await admin.Locator("#assign").ClickAsync();
        await Assertions.Expect(admin.Locator(".alert-success").First).ToContainTextAsync("评估人员已指定");

        // The mid-term report with the self-evaluation.
        await ngo.GotoAsync($"/Ngo/Contracts/Details/{id}");
        await FillAsync(ngo, ("#people", "420"), ("#activities", "16"), ("#summary", "上半年配送助餐4200份，回访独居老人120户，开展营养讲座16场"),
            ("#self-completion", "27"), ("#self-quality", "26"), ("#self-satisfaction", "18"), ("#self-finance", "9"), ("#self-archives", "9"));
        await ngo.Locator("#report").ClickAsync();
        await Assertions.Expect(ngo.Locator(".alert-success").First).ToBeVisibleAsync();

        // 互评: the assigned peer (益邻) opens its task list and enters its sheet on the page.
        var peer = await LoginAsync("yilin");
        await peer.GotoAsync("/Ngo/Contracts");
        await peer.Locator("#peer-tasks").ClickAsync();
        await peer.Locator($"#peer-{id}").ClickAsync();
        await FillAsync(peer, ("#p-completion", "26"), ("#p-quality", "25"), ("#p-satisfaction", "17"), ("#p-finance", "9"), ("#p-archives", "8"));
        await peer.Locator("#peer-score").ClickAsync();
        await Assertions.Expect(peer.Locator(".alert-success").First).ToContainTextAsync("互评评分已提交");
        await Assertions.Expect(peer.Locator("#mine")).ToContainTextAsync("85.00");

        var evaluator = await LoginAsync("pinggu.hengxin");
        await evaluator.GotoAsync($"/Evaluator/Evaluations/{id}");
        await FillAsync(evaluator, ("#s-completion", "27"), ("#s-quality", "25"), ("#s-satisfaction", "17"), ("#s-finance", "9"), ("#s-archives", "8"),
            ("#sample", "150"), ("#mean", "86"));
        await evaluator.Locator("#score").ClickAsync();
        // 89×10% + 85×10% + 86×30% + 86×50% = 86.20 良好
        await Assertions.Expect(evaluator.Locator("#tranches")).ToContainTextAsync("良好");

        await official.GotoAsync($"/Street/Contracts/Details/{id}");
        await official.Locator("#pay-1").ClickAsync();
        await Assertions.Expect(official.Locator(".alert-success").First).ToContainTextAsync("第1笔款项已确认支付");
        await official.Locator("#pay-2").ClickAsync();
        await Assertions.Expect(official.Locator(".alert-success").First).ToContainTextAsync("第2笔款项已确认支付");
        await Assertions.Expect(official.Locator("#payment-pdf-2")).ToBeVisibleAsync();

        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/Contracts");
        var card = visitor.Locator($"#c-{id}");
        await Assertions.Expect(card.Locator("tbody tr").Nth(0)).ToContainTextAsync("已支付");
        await Assertions.Expect(card.Locator("tbody tr").Nth(1)).ToContainTextAsync("已支付");
        await Assertions.Expect(card.Locator("tbody tr").Nth(1)).ToContainTextAsync("良好");
        await Assertions.Expect(card.Locator("tbody tr").Nth(2)).ToContainTextAsync("待支付");

        // The walk ends on the contract's public page: the paid tranches, with their amounts in 大写.
        await visitor.Locator($"#open-{id}").ClickAsync();
        await Assertions.Expect(visitor.Locator("#tranche-1")).ToContainTextAsync("已支付");
        await Assertions.Expect(visitor.Locator("#tranche-2")).ToContainTextAsync("已支付");
        await Assertions.Expect(visitor.Locator("#tranche-2")).ToContainTextAsync("人民币");
    }
}
