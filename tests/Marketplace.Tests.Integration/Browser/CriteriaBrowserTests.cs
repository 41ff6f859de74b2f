using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.Playwright;

namespace Marketplace.Tests.Integration.Browser;

/// <summary>The notice's own 评分标准 rows, edited with the keyboard only and no script.</summary>
public sealed class CriteriaBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public async Task An_official_adds_renames_and_removes_criteria_with_the_keyboard_and_Enter_saves_the_draft()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var official = await BrowserForms.LoginAsync(browser, "dongshan");
        await official.GetByRole(AriaRole.Link, new() { Name = "采购项目" }).ClickAsync();
        await official.Locator("#items a").First.ClickAsync();
        var title = "键盘评分标准" + Guid.NewGuid().ToString("N")[..4];
        await official.GetByLabel("项目名称").FillAsync(title);

        // 增加评分因素 from the keyboard: the form comes back with a fourth, empty row, what was typed kept.
        await official.Locator("#add-criterion").FocusAsync();
        await official.Keyboard.PressAsync("Enter");
        await Assertions.Expect(official.GetByLabel("第4项评分因素名称")).ToHaveValueAsync("");
        await Assertions.Expect(official.GetByLabel("项目名称")).ToHaveValueAsync(title);
        await Assertions.Expect(official.GetByRole(AriaRole.Heading, new() { Name = "新建采购公告" })).ToBeVisibleAsync(); // not saved
        await official.GetByLabel("第4项评分因素名称").FillAsync("风险防控");
        await official.GetByLabel("第4项分值").FillAsync("10");
        await Assertions.Expect(official.Locator("#criteria-total")).ToHaveTextAsync("110"); // kept up to date as typed
        await official.GetByLabel("第4项评分说明").FillAsync("有应急预案的得满分");
        await official.GetByLabel("第1项评分因素名称").FillAsync("服务方案与实施计划");

        // 删除 the third row (服务经验 10) with Space on its button.
        await official.GetByRole(AriaRole.Button, new() { Name = "删除第3项评分因素" }).FocusAsync();
        await official.Keyboard.PressAsync(" ");
        await Assertions.Expect(official.Locator(".criterion-row")).ToHaveCountAsync(3);
        await Assertions.Expect(official.GetByLabel("第3项评分因素名称")).ToHaveValueAsync("风险防控");
        await Assertions.Expect(official.GetByRole(AriaRole.Heading, new() { Name = "新建采购公告" })).ToBeVisibleAsync();
        await official.GetByLabel("第1项分值").FillAsync("50"); // 50 + 20 + 10 + 价格 20 = 100
        await official.GetByLabel("价格分", new() { Exact = true }).FillAsync("20");
        await Assertions.Expect(official.Locator("#criteria-total")).ToHaveTextAsync("100");

        // Enter in a box saves (the form's default button), never a row's 删除.
        await official.GetByLabel("第3项分值").PressAsync("Enter");
        await Assertions.Expect(official.Locator("#status")).ToHaveTextAsync("草稿");
        await Assertions.Expect(official.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        var list = official.Locator("#criteria-list");
        await Assertions.Expect(list).ToContainTextAsync("服务方案与实施计划");
        await Assertions.Expect(list).ToContainTextAsync("有应急预案的得满分");
        await Assertions.Expect(list).Not.ToContainTextAsync("服务经验");
        await Assertions.Expect(list.Locator("tfoot")).ToContainTextAsync("100");
    }
}
