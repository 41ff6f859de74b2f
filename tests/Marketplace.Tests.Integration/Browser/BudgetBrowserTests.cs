using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.Playwright;

namespace Marketplace.Tests.Integration.Browser;

public sealed class BudgetBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public async Task Budget_below_the_floor_is_shown_in_red_to_the_street_and_confirmed_by_the_district()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await LoginAsync(page, "dongshan");

        await page.GetByRole(AriaRole.Link, new() { Name = "本街道预算" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "填报 / 调整预算" }).ClickAsync();
        await page.GetByLabel("年度总额（元）").FillAsync("1,999,999.99");
        await page.GetByLabel("财政资金（元）").FillAsync("1,999,999.99");
        await page.GetByLabel("福利彩票公益金（元）").FillAsync("");
        await page.GetByLabel("街道社会组织专项发展基金（元）").FillAsync("0");
        await page.GetByLabel("社会力量（元）").FillAsync("12.345");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.SocialCapital']")).ToContainTextAsync("两位小数");
        await Assertions.Expect(page.GetByLabel("年度总额（元）")).ToHaveValueAsync("1,999,999.99");

        await page.GetByLabel("社会力量（元）").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        // Seeded contracts already use 80,000.00 of the lottery fund and 60,000.00 of the street fund.
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.WelfareLottery']")).ToContainTextAsync("不能低于该来源已占用、已承诺和已支付的合计 ¥80,000.00");

        await page.GetByLabel("财政资金（元）").FillAsync("1859999.99");
        await page.GetByLabel("福利彩票公益金（元）").FillAsync("80000");
        await page.GetByLabel("街道社会组织专项发展基金（元）").FillAsync("60000.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        var standing = page.Locator("#standing");
        await Assertions.Expect(standing).ToContainTextAsync("待区确认");
        await Assertions.Expect(standing.Locator("[data-flag='floor']")).ToContainTextAsync("差 ¥0.01");
        await Assertions.Expect(standing.Locator("[data-flag='floor']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("text-bg-danger"));

        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await LoginAsync(page, "admin.jiangning");
        await page.GetByText("目录与预算").ClickAsync(); // the district menu groups its entries
        await page.GetByRole(AriaRole.Link, new() { Name = "各街道预算" }).First.ClickAsync();
        var row = page.Locator("tr[data-street='东山街道']");
        await Assertions.Expect(row).ToHaveClassAsync("table-danger");
        await row.GetByRole(AriaRole.Button, new() { Name = "确认下达" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-street='东山街道']")).ToContainTextAsync("已确认");
        await Assertions.Expect(page.Locator("tr[data-street='东山街道']")).ToContainTextAsync("1,999,999.99");

        await page.GetByRole(AriaRole.Link, new() { Name = "台账核对" }).ClickAsync();
        await Assertions.Expect(page.Locator("#audit-result")).ToContainTextAsync("全部通过");
    }

    private static async Task LoginAsync(IPage page, string user)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(AppSession.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToBeVisibleAsync();
    }
}
