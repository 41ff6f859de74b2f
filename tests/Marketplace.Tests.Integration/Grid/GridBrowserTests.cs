using Marketplace.Grid;
using Marketplace.Tests.Integration.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.Tests.Integration.Grid;

/// <summary>
/// In Chromium: a 网格长 reports a matter on a 390 px phone, the street assigns, accepts and closes it, and the
/// resident rates it on the phone with the code sent to it.
/// </summary>
public sealed class GridBrowserTests(GridBrowserFixture browser) : IClassFixture<GridBrowserFixture>
{
    private const string Title = "浏览器测试 老人需要助浴";
    private const string Phone = "13905748866";

    [SkippableFact]
    public async Task A_grid_worker_reports_on_a_phone_the_street_closes_it_and_the_resident_rates_it()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var phone = new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        };
        var workerContext = await browser.Browser.NewContextAsync(phone);
        var worker = await workerContext.NewPageAsync();
        await worker.GotoAsync("/Account/Login");
        await worker.GetByLabel("用户名").FillAsync("wangge.qinyong");
        await worker.GetByLabel("密码").FillAsync(Infrastructure.AppSession.DemoPassword);
        await worker.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await worker.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        await worker.GotoAsync("/Grid"); // the phone's navigation is collapsed: the visit log is opened directly
        await Assertions.Expect(worker.GetByRole(AriaRole.Heading, new() { Name = "走访日志" })).ToBeVisibleAsync();
        await worker.Locator("#ServiceAreaCode").SelectOptionAsync("elderly");
        await worker.Locator("#Title").FillAsync(Title);
        await worker.Locator("#Place").FillAsync("勤勇村6组12号");
        await worker.Locator("#Text").FillAsync("老人腿脚不便，家中无法洗澡，希望有助浴服务。");
        await worker.Locator("#ResidentPhone").FillAsync(Phone);
        await worker.Locator("#Photos").SetInputFilesAsync(new FilePayload { Name = "现场.jpg", MimeType = "image/jpeg", Buffer = new byte[2048] });
        await worker.Locator("#report").ClickAsync();
        await Assertions.Expect(worker.Locator("#notice")).ToContainTextAsync("事项已上报");
        await Assertions.Expect(worker.Locator("#recent")).ToContainTextAsync(Title);
        Assert.True(await worker.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the visit log is wider than the phone");

        var official = await browser.LoginAsync("zhuangshi");
        await official.GotoAsync("/Street/Grid/Matters");
        await official.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await official.Locator("#Tier").SelectOptionAsync(nameof(MatterTier.Community));
        await official.Locator("#Handler").FillAsync("勤勇村社会服务管理站");
        await official.Locator("#assign").ClickAsync();
        await Assertions.Expect(official.Locator("#matter-status")).ToHaveTextAsync("已交办");
        await official.Locator("#accept").ClickAsync();
        await official.Locator("#Result").FillAsync("已联系助浴服务队，每周上门一次。");
        await official.Locator("#close").ClickAsync();
        await Assertions.Expect(official.Locator("#matter-status")).ToHaveTextAsync("已办结");
        await Assertions.Expect(official.Locator("#steps")).ToContainTextAsync("勤勇村网格长 王建国");

        var street = (await GridFlow.ZhuangshiAsync(browser.Factory)).Street;
        var id = (await GridFlow.Matters(browser.Factory, street).GetAsync()).Matters.Single(m => m.Title == Title).Id;
        var residentContext = await browser.Browser.NewContextAsync(phone);
        var resident = await residentContext.NewPageAsync();
        await resident.GotoAsync($"/Matters/Rate?street={street}&id={id}");
        await Assertions.Expect(resident.Locator("#matter-status")).ToHaveTextAsync("已办结");
        await resident.Locator("#Phone").FillAsync(Phone);
        await resident.Locator("#send-code").ClickAsync();
        await Assertions.Expect(resident.Locator("#code-sent")).ToBeVisibleAsync();
        await resident.Locator("#Code").FillAsync(browser.Factory.Services.GetRequiredService<PhoneInbox>().LastCode(Phone));
        await resident.GetByLabel("非常满意").CheckAsync();
        await resident.Locator("#rate").ClickAsync();
        await Assertions.Expect(resident.Locator("#rated")).ToHaveTextAsync("非常满意");
        Assert.True(await resident.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the rating page is wider than the phone");
        Assert.Equal(Satisfaction.VerySatisfied, (await GridFlow.Matters(browser.Factory, street).GetAsync()).Find(id)!.Rating);
        foreach (var url in new[] { $"/Matters?street={street}", $"/Matters/Report?Street={street}" })
        {
            await resident.GotoAsync(url);
            Assert.True(await resident.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, $"{url} is wider than the phone");
        }
        await workerContext.CloseAsync();
        await residentContext.CloseAsync();
    }
}
