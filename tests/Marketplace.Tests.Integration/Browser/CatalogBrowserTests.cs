using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.Playwright;

namespace Marketplace.Tests.Integration.Browser;

public sealed class CatalogBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public async Task Street_official_publishes_an_item_that_the_public_then_finds()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        var title = "东山街道睦邻互助服务" + Guid.NewGuid().ToString("N")[..4];

        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync("dongshan");
        await page.GetByLabel("密码").FillAsync(AppSession.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToContainTextAsync("李晓梅");

        await page.GetByRole(AriaRole.Link, new() { Name = "本街道事项" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "新增事项" }).ClickAsync();
        await page.GetByLabel("服务事项").FillAsync(title);
        await page.GetByLabel("参考预算（元）").FillAsync("abc");
        await page.GetByLabel("指导性目录条目").SelectOptionAsync("A0501");
        await page.GetByLabel("具体内容").FillAsync("组织楼栋邻里互助小组，开展邻里守望与互助活动。");
        await page.GetByLabel("社工机构").CheckAsync();
        await page.GetByLabel("服务要求").FillAsync("全年开展互助活动不少于24场。");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        // The unreadable amount is explained beside the field and what was typed is kept.
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.ReferenceBudget']")).ToContainTextAsync("金额格式不正确");
        await Assertions.Expect(page.GetByLabel("服务事项")).ToHaveValueAsync(title);

        await page.GetByLabel("参考预算（元）").FillAsync("150,000.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await Assertions.Expect(row).ToContainTextAsync("草稿");
        await row.GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = title })).ToContainTextAsync("已发布");

        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "登录" }).First).ToBeVisibleAsync();

        await page.GotoAsync("/Catalog");
        await page.GetByPlaceholder("关键词").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var found = page.GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await Assertions.Expect(found).ToContainTextAsync("东山街道");
        await Assertions.Expect(found).ToContainTextAsync("150,000.00");
        await found.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
    }
}
