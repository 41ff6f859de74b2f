using System.Globalization;
using Marketplace.Tests.Integration.Tendering;
using Microsoft.Playwright;

namespace Marketplace.Tests.Integration.Browser;

/// <summary>Steps several browser tests take the way a user does.</summary>
internal static class BrowserForms
{
    /// <summary>A new page signed in as the demo user.</summary>
    public static async Task<IPage> LoginAsync(this Infrastructure.BrowserFixture browser, string userName)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(Infrastructure.AppSession.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>As a signed-in street official: a notice from the street's first published item, saved and published.</summary>
    public static async Task PublishNoticeAsync(IPage official, string title, DateTimeOffset deadline)
    {
        await official.GetByRole(AriaRole.Link, new() { Name = "采购项目" }).ClickAsync();
        await official.Locator("#items a").First.ClickAsync();
        await official.GetByLabel("项目名称").FillAsync(title);
        await official.GetByLabel("最高限价（元）").FillAsync("300000");
        await official.GetByLabel("财政资金").FillAsync("300000");
        // Served from this year's confirmed budget (the form's default starts a month ahead).
        var start = TenderForms.ServiceStart(DateTimeOffset.UtcNow);
        await official.GetByLabel("服务期开始").FillAsync(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await official.GetByLabel("服务期结束").FillAsync(start.AddYears(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await official.GetByLabel("报名截止时间").FillAsync(deadline.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await official.GetByLabel("最少有效申请数").FillAsync("2");
        await official.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await official.GetByRole(AriaRole.Button, new() { Name = "发布公告" }).ClickAsync();
        await Assertions.Expect(official.Locator("#status")).ToHaveTextAsync("报名中");
    }
}
