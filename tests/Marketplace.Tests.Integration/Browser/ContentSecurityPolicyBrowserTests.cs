using System.Collections.Concurrent;
using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.Playwright;

namespace Marketplace.Tests.Integration.Browser;

/// <summary>
/// Under the Content-Security-Policy the pages still work in a real browser: no script or style is
/// refused, and the scripts moved out of the pages (report progress, filter checkbox) still run.
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public async Task District_pages_run_their_scripts_and_the_browser_refuses_nothing()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        var refused = new ConcurrentQueue<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refused.Enqueue($"{page.Url}: {m.Text}");
            }
        };

        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync("admin.jiangning");
        await page.GetByLabel("密码").FillAsync(AppSession.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToContainTextAsync("王敏");

        foreach (var url in (string[])["/", "/Catalog", "/Budgets", "/Tenders", "/District/Guiding", "/District/Budgets", "/District/Organizations"])
        {
            await page.GotoAsync(url);
        }

        // wwwroot/js/autosubmit.js: ticking the filter sends its form.
        await page.GotoAsync("/district/organizations/negative-entries");
        // The navigation the script starts is awaited with the click, so one that finishes first is not missed.
        var filtered = page.WaitForURLAsync("**activeOnly=true**");
        await page.GetByLabel("只看生效中的记录").CheckAsync();
        await filtered;
        await Assertions.Expect(page.GetByLabel("只看生效中的记录")).ToBeCheckedAsync();

        // wwwroot/js/report-runs.js: a run still being produced when the page loaded turns to 下载 without a reload.
        await page.GotoAsync("/District/Reports");
        await page.GetByRole(AriaRole.Button, new() { Name = "生成全部区县预算执行报告（PDF）" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-run] [data-download]").First).ToBeVisibleAsync(new() { Timeout = 120_000 });

        Assert.True(refused.IsEmpty, string.Join(Environment.NewLine, refused));
    }
}
