using Marketplace.Tests.Integration.Contracts;
using Microsoft.Playwright;

namespace Marketplace.Tests.Integration.Browser;

/// <summary>A resident opens a contract's rating page from its link, rates it with the code sent to the phone, and is thanked.</summary>
public sealed class ResidentRatingBrowserTests(TenderBrowserFixture browser) : IClassFixture<TenderBrowserFixture>
{
    [SkippableFact]
    public async Task A_resident_opens_the_link_rates_the_service_and_sees_the_thank_you_page()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var id = await ContractFlow.RecordedAndSignedAsync(browser.Factory.Services, browser.Clock, "居民评价浏览器测试 居家养老上门服务");

        var resident = await browser.NewPageAsync();
        await resident.SetViewportSizeAsync(390, 844);
        await resident.GotoAsync("/Contracts");
        await resident.Locator($"#rate-{id}").ClickAsync();
        await Assertions.Expect(resident.Locator("#title")).ToContainTextAsync("居民评价浏览器测试");
        await resident.Locator("label[for=stars-4]").ClickAsync();
        await resident.Locator("#comment").FillAsync("助老员很耐心，希望继续开展");
        await resident.Locator("#phone").FillAsync("13812345678");
        await resident.Locator("#send-code").ClickAsync();
        await Assertions.Expect(resident.Locator("#notice")).ToContainTextAsync("验证码已发送至 138****5678");
        await resident.Locator("#code").FillAsync(browser.Codes.Last("13812345678"));
        await resident.Locator("#submit").ClickAsync();
        await Assertions.Expect(resident.Locator("#thanks")).ToHaveTextAsync("感谢您的评价");
        await Assertions.Expect(resident.Locator("main, body").First).ToContainTextAsync("留言经街道审核后公开");
        Assert.False(await resident.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth"));
    }
}
