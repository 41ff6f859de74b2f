using Marketplace.Catalog;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.Tests.Integration.Browser;

/// <summary>Every public page on a 390×844 phone: nothing wider than the screen, so no sideways scrolling.</summary>
public sealed class PhoneWidthBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int PhoneWidth = 390;

    [SkippableFact]
    public async Task Public_pages_fit_a_390_pixel_wide_phone()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var tender = await PublishedTenderAsync();
        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var item = await db.TransferItems.Where(i => i.Status == TransferItemStatus.Published).Select(i => i.Id).FirstAsync();
        // The catalog with a district chosen: its street list beside the other filters.
        var jiangning = await db.Districts.Where(d => d.Name == "江宁区").Select(d => d.Id).SingleAsync();
        // The longest name of the directory: the one most likely to push the page wider.
        var names = await db.Organizations.Select(o => new { o.Uscc, o.Name }).ToListAsync();
        var organization = names.MaxBy(o => o.Name.Length)!.Uscc;

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 844 },
            IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        var street = await db.Streets.Where(s => s.Name == "秣陵街道").Select(s => s.Id).SingleAsync();
        // The seeded contract with the most tranches and evaluations: its public page has the widest tables.
        var contract = await db.Contracts.Where(c => c.Title == "秣陵街道社区睦邻互助点运营服务").Select(c => c.Id).SingleAsync();
        // 菜单式服务 of 庄市街道's 勤勇村: the services of the seeded contract and the order form.
        var zhuangshi = await db.Streets.Where(s => s.Name == "庄市街道").Select(s => s.Id).SingleAsync();
        var urls = new[] { "/", $"/Streets/{street}", "/Search?q=秣陵", "/Catalog", $"/Catalog?district={jiangning}", $"/Catalog/Details/{item}", "/Budgets", "/Organizations", $"/organizations/{organization}", "/Tenders", $"/Tenders/Details/{tender}", "/Contracts", $"/Contracts/{contract}",
            $"/Matters/Menu?street={zhuangshi}&community=勤勇村" };
        var failures = new List<string>();
        foreach (var url in urls)
        {
            var response = await page.GotoAsync(url);
            Assert.Equal(200, response!.Status);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > PhoneWidth)
            {
                var culprit = await page.EvaluateAsync<string>(
                    "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 390 && !e.closest('.table-responsive'))" +
                    ".map(e => e.tagName + '.' + e.className).slice(0, 3).join(', ')");
                failures.Add($"{url}: {width} px ({culprit})");
            }
        }
        Assert.True(failures.Count == 0, string.Join("; ", failures));
        await context.CloseAsync();
    }

    // A published notice of 东山街道, through the same form a street official uses.
    private async Task<Guid> PublishedTenderAsync()
    {
        var official = await browser.NewPageAsync();
        await official.GotoAsync("/Account/Login");
        await official.GetByLabel("用户名").FillAsync("dongshan");
        await official.GetByLabel("密码").FillAsync(AppSession.DemoPassword);
        await official.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await BrowserForms.PublishNoticeAsync(official, "东山街道社区居家养老服务项目（第二批）", DateTimeOffset.UtcNow.AddDays(7));
        var id = Guid.Parse(official.Url.Split('/')[^1].Split('?')[0]);
        await official.Context.CloseAsync();
        return id;
    }
}
