using System.Collections.Concurrent;
using Marketplace.Tests.Integration.Infrastructure;
using Hangfire;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Reports;
using Marketplace.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        // The job's end is awaited on the server first, so a slow machine (CI's two cores under a full run) and a
        // script that stops moving the bar fail apart, each with its own message.
        var produced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        browser.Factory.Services.GetRequiredService<DueWorkEvents>().Completed += _ => produced.TrySetResult();
        await page.GotoAsync("/District/Reports");
        await page.GetByRole(AriaRole.Button, new() { Name = "生成全部区县预算执行报告（PDF）" }).ClickAsync();
        try
        {
            await produced.Task.WaitAsync(TimeSpan.FromMinutes(4));
        }
        catch (TimeoutException)
        {
            Assert.Fail("the report was not produced within 4 minutes: " + await RunStateAsync());
        }
        await Assertions.Expect(page.Locator("tr[data-run] [data-download]").First).ToBeVisibleAsync(new() { Timeout = 60_000 });

        Assert.True(refused.IsEmpty, string.Join(Environment.NewLine, refused));
    }

    /// <summary>What the database and Hangfire hold of the run, for a failure's message.</summary>
    private async Task<string> RunStateAsync()
    {
        await using var db = await browser.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var runs = await db.ReportRuns.AsNoTracking().Select(r => $"run {r.Status} {r.Progress}% {r.Error}").ToListAsync();
        var work = await db.ScheduledWork.AsNoTracking().Where(w => w.Kind == ReportRuns.WorkKind)
            .Select(w => $"work attempts {w.Attempts} completed {w.CompletedAt} error {w.LastError}").ToListAsync();
        var jobs = browser.Factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().GetStatistics();
        return string.Join("; ", [.. runs, .. work,
            $"hangfire enqueued {jobs.Enqueued} processing {jobs.Processing} scheduled {jobs.Scheduled} failed {jobs.Failed} retries {jobs.Retries} servers {jobs.Servers}"]);
    }
}
