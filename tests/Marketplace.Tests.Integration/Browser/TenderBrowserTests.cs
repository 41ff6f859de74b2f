using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Marketplace.Domain;

namespace Marketplace.Tests.Integration.Browser;

/// <summary>The browser app with a server clock the test can move past a deadline.</summary>
public sealed class TenderBrowserFixture : BrowserFixture
{
    public MovableClock Clock { get; } = new();

    /// <summary>The residents' verification codes, read as off the phone.</summary>
    public Ratings.TestCodeSender Codes { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<Marketplace.Web.Infrastructure.Verification.IVerificationCodeSender>(Codes);
    }
}

public sealed class TenderBrowserTests(TenderBrowserFixture browser) : IClassFixture<TenderBrowserFixture>
{
    private const string Lejia = "52320115MJ5K41253H";
    private const string Renai = "52320115MJ5K526814";

    private Task<IPage> LoginAsync(string userName) => browser.LoginAsync(userName);

    [SkippableFact]
    public async Task Publish_apply_as_two_ngos_close_score_as_three_experts_award_and_see_publicity()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var title = "东山街道居家养老上门服务采购" + Guid.NewGuid().ToString("N")[..4];
        var deadline = browser.Clock.GetUtcNow().AddHours(1);

        // The district keeps only experts who can sign in for this review.
        var admin = await LoginAsync("admin.jiangning");
        await admin.GetByText("评审与设置").ClickAsync(); // the district menu groups its entries
        await admin.GetByRole(AriaRole.Link, new() { Name = "评审专家库" }).ClickAsync();
        await admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "钱明" }).GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "钱明" })).ToContainTextAsync("停用");

        var official = await LoginAsync("dongshan");
        await BrowserForms.PublishNoticeAsync(official, title, deadline);
        var detailsUrl = official.Url;

        foreach (var (ngo, price) in new[] { ("ngo.lejia", "280000"), ("ngo.renai", "250000") })
        {
            var page = await LoginAsync(ngo);
            await page.GetByRole(AriaRole.Link, new() { Name = "采购公告" }).First.ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "申请 / 修改申请" }).ClickAsync();
            await page.Locator("#price").FillAsync(price);
            await page.GetByLabel("持证社工人数").FillAsync("3");
            await page.GetByRole(AriaRole.Textbox, new() { Name = "服务方案", Exact = true }).FillAsync("每周一次上门探访，建立一人一档");
            await page.GetByRole(AriaRole.Textbox, new() { Name = "服务团队", Exact = true }).FillAsync("项目主管1名、持证社工3名");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
            await Assertions.Expect(page.Locator("#own-state")).ToContainTextAsync("第1版");
        }

        browser.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await official.GotoAsync(detailsUrl);
        await official.GetByRole(AriaRole.Button, new() { Name = "截止报名" }).ClickAsync();
        await Assertions.Expect(official.Locator("#status")).ToHaveTextAsync("已截止");
        await official.GetByRole(AriaRole.Button, new() { Name = "随机抽取评审专家" }).ClickAsync();
        await Assertions.Expect(official.Locator("#status")).ToHaveTextAsync("评审中");

        foreach (var expert in new[] { "expert.zhao", "expert.sun", "expert.zhou" })
        {
            var page = await LoginAsync(expert);
            await page.GetByRole(AriaRole.Link, new() { Name = "评审任务" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "声明无利害关系" }).ClickAsync();
            foreach (var (uscc, plan, team, exp) in new[] { (Lejia, "36", "18", "9"), (Renai, "30", "15", "8") })
            {
                var card = page.Locator($".applicant[data-uscc='{uscc}']");
                await card.Locator($"#p-{uscc}-plan").FillAsync(plan);
                await card.Locator($"#p-{uscc}-team").FillAsync(team);
                await card.Locator($"#p-{uscc}-exp").FillAsync(exp);
                await card.GetByRole(AriaRole.Button, new() { Name = "提交评分" }).ClickAsync();
                await Assertions.Expect(page.Locator($".applicant[data-uscc='{uscc}']").GetByRole(AriaRole.Button, new() { Name = "修改评分" })).ToBeVisibleAsync();
            }
        }

        await official.GotoAsync(detailsUrl);
        // 乐家: 250000/280000×30 = 26.79 + 36 + 18 + 9 = 89.79; 仁爱: 30 + 30 + 15 + 8 = 83.00.
        await Assertions.Expect(official.Locator("#results")).ToContainTextAsync("89.79");
        await official.GetByRole(AriaRole.Button, new() { Name = "确定中标并公示" }).ClickAsync();
        await Assertions.Expect(official.Locator("#status")).ToHaveTextAsync("中标公示");

        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/Tenders");
        await visitor.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(visitor.Locator("#winner")).ToHaveTextAsync("江宁区乐家社会工作服务中心");
        var results = visitor.Locator("#results");
        await Assertions.Expect(results.GetByRole(AriaRole.Row).Filter(new() { HasText = "乐家" })).ToContainTextAsync("89.79");
        await Assertions.Expect(results.GetByRole(AriaRole.Row).Filter(new() { HasText = "仁爱" })).ToContainTextAsync("83.00");
        await Assertions.Expect(visitor.Locator("body")).Not.ToContainTextAsync("每周一次上门探访，建立一人一档"); // no proposals in public
        // After the award each applicant sees its own scores and rank, and the winner's total.
        var renai = await LoginAsync("ngo.renai");
        await renai.GotoAsync(visitor.Url);
        await renai.GetByRole(AriaRole.Link, new() { Name = "查看本单位得分与排名" }).ClickAsync();
        await Assertions.Expect(renai.Locator("#own-result")).ToContainTextAsync("综合得分 83.00，排名第2名");
        await Assertions.Expect(renai.Locator("#own-result")).ToContainTextAsync("综合得分 89.79");
        await renai.GetByRole(AriaRole.Link, new() { Name = "消息" }).ClickAsync();
        await Assertions.Expect(renai.Locator("body")).ToContainTextAsync("评审结果已公示");

        var json = await (await visitor.APIRequest.GetAsync("/api/public/tenders")).TextAsync();
        Assert.Contains("\"total\":\"89.79\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("每周一次上门探访", json, StringComparison.Ordinal);

        // The award notice (中标结果公示) as a PDF from the public page, read back.
        var pdfUrl = await visitor.GetByRole(AriaRole.Link, new() { Name = "下载中标结果公示 (PDF)" }).GetAttributeAsync("href");
        var pdf = await (await visitor.APIRequest.GetAsync(pdfUrl!)).BodyAsync();
        var text = Marketplace.Tests.Integration.Reports.PdfText.All(pdf);
        Assert.Contains("中标结果公示", text, StringComparison.Ordinal);
        Assert.Contains("江宁区乐家社会工作服务中心", text, StringComparison.Ordinal);
        Assert.Contains("89.79", text, StringComparison.Ordinal);
        Assert.Contains("83.00", text, StringComparison.Ordinal);
        Assert.Contains("质疑", text, StringComparison.Ordinal);

        // The scores as .xlsx, and the purchase in 东山街道's annual budget report.
        var xlsxUrl = await visitor.GetByRole(AriaRole.Link, new() { Name = "评审得分 (.xlsx)" }).GetAttributeAsync("href");
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await (await visitor.APIRequest.GetAsync(xlsxUrl!)).BodyAsync())))
        {
            var xml = string.Concat(zip.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd()));
            Assert.Contains("江宁区乐家社会工作服务中心", xml, StringComparison.Ordinal);
        }
        var year = ChinaTime.Year(DateTimeOffset.UtcNow);
        var budgets = System.Text.Json.JsonDocument.Parse(await (await visitor.APIRequest.GetAsync($"/api/public/budgets?year={year}")).TextAsync());
        var dongshan = budgets.RootElement.EnumerateArray().Single(b => b.GetProperty("street").GetString() == "东山街道").GetProperty("street_id").GetInt64();
        var report = Marketplace.Tests.Integration.Reports.PdfText.All(
            await (await visitor.APIRequest.GetAsync($"/reports/budget/{year}/street/{dongshan}.pdf")).BodyAsync());
        Assert.Contains(title, report, StringComparison.Ordinal);
        Assert.Contains("江宁区乐家社会工作服务中心", report, StringComparison.Ordinal);
    }
}
