using System.Text.RegularExpressions;
using Marketplace.Catalog;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    [SkippableFact]
    public async Task Street_filter_lists_only_the_chosen_districts_streets_and_works_from_the_keyboard()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Catalog");
        var street = page.GetByLabel("街道", new() { Exact = true });
        // Before a district is chosen the street list is only "全部街道", and the page says how to get the streets.
        await Assertions.Expect(street.Locator("option")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByText("选择区并查询后，可按街道筛选。")).ToBeVisibleAsync();

        // Keyboard only: Tab from the keyword into the area and district lists, the district picked with the keys
        // a native list answers to, Enter in the keyword field to search.
        await page.GetByPlaceholder("关键词").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        var district = page.GetByLabel("区", new() { Exact = true });
        await Assertions.Expect(district).ToBeFocusedAsync();
        var jiangning = await district.Locator("option", new() { HasText = "江宁区" }).GetAttributeAsync("value");
        while (await district.InputValueAsync() != jiangning)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }
        await page.GetByPlaceholder("关键词").PressAsync("Enter");
        await page.WaitForURLAsync($"**/Catalog?*district={jiangning}*");

        // Exactly 江宁区's streets with a published item, none of another district's.
        await using (var scope = browser.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var published = await (from i in db.TransferItems
                                   where i.Status == TransferItemStatus.Published
                                   join st in db.Streets on i.StreetId equals st.Id
                                   join d in db.Districts on st.DistrictId equals d.Id
                                   select new { st.Name, District = d.Name }).Distinct().ToListAsync();
            var options = (await street.Locator("option").AllTextContentsAsync()).Skip(1).ToList();
            Assert.Equal(published.Where(p => p.District == "江宁区").Select(p => p.Name).Order(), options.Order());
            Assert.Contains(published, p => p.District != "江宁区");
        }
        var listed = await page.Locator("tbody tr").AllTextContentsAsync();
        Assert.NotEmpty(listed);
        Assert.All(listed, r => Assert.Contains("江宁区", r));

        await street.FocusAsync();
        while (await street.InputValueAsync() is var v && (v == "" || await street.Locator($"option[value='{v}']").TextContentAsync() != "东山街道"))
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "查询" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        // The first search already sent an empty street=: wait for the one that names a street.
        await page.WaitForURLAsync(new Regex(@"[?&]street=\d+"));
        var found = await page.Locator("tbody tr").AllTextContentsAsync();
        Assert.NotEmpty(found);
        Assert.All(found, r => Assert.Contains("东山街道", r));
        await Assertions.Expect(street.Locator("option:checked")).ToHaveTextAsync("东山街道");
    }
}
