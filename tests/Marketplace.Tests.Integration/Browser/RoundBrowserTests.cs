using System.Globalization;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.Tests.Integration.Browser;

/// <summary>
/// A street's 公益创投 walked in Chromium from the form to the contract: two organizations apply with their budget
/// tables, one is screened out with a reason, the drawn panel scores, the street selects and publishes, a visitor on
/// a 390 px phone sees the funded project, and when the 立项公示 ends the funded project's contract is drafted, on the
/// street's and the organization's contract pages.
/// </summary>
public sealed class RoundBrowserTests(TenderBrowserFixture browser) : IClassFixture<TenderBrowserFixture>
{
    private const string Lejia = "江宁区乐家社会工作服务中心", Renai = "江宁区仁爱社会工作服务社";

    private static string Local(DateTimeOffset t) => t.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task Create_open_apply_screen_score_select_publish_and_the_funded_project_gets_its_contract()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var title = "秣陵街道公益创投" + Guid.NewGuid().ToString("N")[..4];
        var now = browser.Clock.GetUtcNow();

        var official = await browser.LoginAsync("moling");
        await official.Locator("nav a[href='/Street/Rounds']").ClickAsync();
        await official.GetByLabel("创投名称").FillAsync(title);
        await official.GetByLabel("主题").FillAsync("百个公益项目助力街道服务");
        await official.GetByLabel("资金池（元）").FillAsync("100000");
        await official.GetByLabel("申报开始时间").FillAsync(Local(now.AddMinutes(-5)));
        await official.GetByLabel("申报截止时间").FillAsync(Local(now.AddHours(1)));
        await official.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(official.Locator("#status")).ToHaveTextAsync("草稿");
        // Opened from the keyboard: the button takes focus and Enter sends the form.
        await official.GetByRole(AriaRole.Button, new() { Name = "开始申报（占用资金池）" }).FocusAsync();
        await official.Keyboard.PressAsync("Enter");
        await Assertions.Expect(official.Locator("#status")).ToHaveTextAsync("申报中");
        var detailsUrl = official.Url;

        foreach (var (ngo, project, request) in new[] { ("ngo.lejia", "邻里守望 居家探访", 50_000), ("ngo.renai", "助残融合 社区康复", 30_000) })
        {
            var page = await browser.LoginAsync(ngo);
            await page.GetByRole(AriaRole.Link, new() { Name = "公益创投申报" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await page.GetByLabel("项目名称", new() { Exact = true }).FillAsync(project);
            await page.GetByLabel("申请资助金额（元）").FillAsync(request.ToString(CultureInfo.InvariantCulture));
            await page.GetByLabel("服务对象", new() { Exact = true }).FillAsync("辖区独居老人");
            await page.GetByLabel("受益人数", new() { Exact = true }).FillAsync("120");
            await page.GetByLabel("预期成效与指标").FillAsync("走访 500 人次，满意度 90% 以上");
            await page.GetByLabel("项目团队", new() { Exact = true }).FillAsync("项目主管 1 名、持证社工 2 名");
            await page.GetByLabel("持证社工人数").FillAsync("2");
            await page.GetByLabel("类别1", new() { Exact = true }).FillAsync("人员费");
            await page.GetByLabel("项目1", new() { Exact = true }).FillAsync("社工补贴");
            await page.GetByLabel("金额1", new() { Exact = true }).FillAsync((request - 10_000).ToString(CultureInfo.InvariantCulture));
            await page.GetByLabel("类别2", new() { Exact = true }).FillAsync("活动费");
            await page.GetByLabel("项目2", new() { Exact = true }).FillAsync("物资与场地");
            await page.GetByLabel("金额2", new() { Exact = true }).FillAsync("10000");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交申报书" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = project })).ToContainTextAsync(title);
        }

        // Past the deadline: the proposals are unsealed for 初审.
        browser.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await official.GotoAsync(detailsUrl);
        await Assertions.Expect(official.Locator("#status")).ToHaveTextAsync("申报截止");
        await official.GetByLabel("专业领域").FillAsync("养老服务");
        await official.GetByRole(AriaRole.Button, new() { Name = "抽取评审专家" }).ClickAsync();
        await Assertions.Expect(official.GetByRole(AriaRole.Alert)).ToContainTextAsync("请先完成全部申报项目的初审");
        var lejiaRow = official.GetByRole(AriaRole.Row).Filter(new() { HasText = Lejia });
        await lejiaRow.GetByLabel("初审意见").FillAsync("符合申报条件");
        await lejiaRow.GetByRole(AriaRole.Button, new() { Name = "通过", Exact = true }).ClickAsync();
        await Assertions.Expect(official.GetByRole(AriaRole.Row).Filter(new() { HasText = Lejia })).ToContainTextAsync("通过：符合申报条件");
        var renaiRow = official.GetByRole(AriaRole.Row).Filter(new() { HasText = Renai });
        // From the keyboard: Enter in the reason field decides nothing (it used to send the first button, 通过);
        // Tab reaches 通过 then 不通过, and Enter presses the one in focus.
        var reason = renaiRow.GetByLabel("初审意见");
        await reason.FillAsync("服务对象与创投类别不符");
        await reason.PressAsync("Enter");
        await Assertions.Expect(official.GetByRole(AriaRole.Row).Filter(new() { HasText = Renai })).Not.ToContainTextAsync("通过：");
        await Assertions.Expect(reason).ToHaveValueAsync("服务对象与创投类别不符");
        await official.Keyboard.PressAsync("Tab");
        await official.Keyboard.PressAsync("Tab");
        await Assertions.Expect(renaiRow.GetByRole(AriaRole.Button, new() { Name = "不通过" })).ToBeFocusedAsync();
        await official.Keyboard.PressAsync("Enter");
        await Assertions.Expect(official.GetByRole(AriaRole.Row).Filter(new() { HasText = Renai })).ToContainTextAsync("不通过：服务对象与创投类别不符");
        await official.GetByLabel("专业领域").FillAsync("养老服务");
        await official.GetByRole(AriaRole.Button, new() { Name = "抽取评审专家" }).ClickAsync();
        await Assertions.Expect(official.Locator("#status")).ToHaveTextAsync("专家评审");

        // The drawn experts, as their notices name them.
        foreach (var expert in await DrawnExpertsAsync(Guid.Parse(detailsUrl.Split('/')[^1])))
        {
            var page = await browser.LoginAsync(expert);
            await page.GetByRole(AriaRole.Link, new() { Name = "评审任务" }).ClickAsync();
            await page.Locator("#round-tasks").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "声明无利害关系" }).ClickAsync();
            var card = page.Locator("section").Filter(new() { HasText = Lejia });
            await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("助残融合 社区康复"); // screened out: not scored
            foreach (var c in RoundSettings.DefaultCriteria)
            {
                await card.GetByLabel($"{c.Name}（{c.Weight:0.##}分）").FillAsync((c.Weight * 0.9m).ToString("0.##", CultureInfo.InvariantCulture));
            }
            await card.GetByRole(AriaRole.Button, new() { Name = "保存评分" }).ClickAsync();
            await Assertions.Expect(page.Locator("section").Filter(new() { HasText = Lejia }).GetByLabel("项目设计（25分）")).ToHaveValueAsync("22.5");
        }

        await official.GotoAsync(detailsUrl);
        await official.GetByRole(AriaRole.Button, new() { Name = "汇总评分，择优立项" }).ClickAsync();
        await Assertions.Expect(official.Locator("#status")).ToHaveTextAsync("择优立项");
        await Assertions.Expect(official.GetByRole(AriaRole.Row).Filter(new() { HasText = Lejia })).ToContainTextAsync("90.00 / 第1名");
        await official.GetByRole(AriaRole.Button, new() { Name = "发布立项公示" }).ClickAsync();
        await Assertions.Expect(official.Locator("#status")).ToHaveTextAsync("立项公示");

        var phone = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var visitor = await phone.NewPageAsync();
        await visitor.GotoAsync("/Rounds");
        await visitor.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        var funded = visitor.GetByRole(AriaRole.Row).Filter(new() { HasText = Lejia });
        await Assertions.Expect(funded).ToContainTextAsync("邻里守望 居家探访");
        await Assertions.Expect(funded).ToContainTextAsync("¥50000.00");
        await Assertions.Expect(funded).ToContainTextAsync("90.00");
        await Assertions.Expect(visitor.Locator("body")).Not.ToContainTextAsync(Renai);
        Assert.True(await visitor.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the round page scrolls sideways at 390 px");
        await phone.CloseAsync();

        // The 公示 period passes with no objection: its timed work ends it and drafts the funded project's contract (ContractGrain).
        var roundId = Guid.Parse(detailsUrl.Split('/')[^1]);
        await EndPublicityByItsTimedWorkAsync(roundId);
        official = await browser.LoginAsync("moling"); // signed in again after the clock moved, so the cookies are fresh
        await official.GotoAsync("/Street/Contracts");
        var drafted = official.GetByRole(AriaRole.Row).Filter(new() { HasText = "邻里守望 居家探访" });
        await Assertions.Expect(drafted).ToContainTextAsync("草拟");
        await Assertions.Expect(drafted).ToContainTextAsync("¥50,000.00");
        await Assertions.Expect(official.GetByRole(AriaRole.Row).Filter(new() { HasText = "助残融合 社区康复" })).ToHaveCountAsync(0);
        var lejia = await browser.LoginAsync("ngo.lejia");
        await lejia.GotoAsync("/Ngo/Contracts");
        var own = lejia.GetByRole(AriaRole.Row).Filter(new() { HasText = "邻里守望 居家探访" });
        await Assertions.Expect(own).ToContainTextAsync("草拟");
        await own.GetByRole(AriaRole.Link, new() { Name = "邻里守望 居家探访" }).ClickAsync();
        await Assertions.Expect(lejia.Locator("#status")).ToContainTextAsync("草拟");
        await Assertions.Expect(lejia.Locator("body")).ToContainTextAsync("¥50,000.00");
    }

    /// <summary>Moves the clock past the 立项公示 and runs its timed work (round.publicity-end) as the host's runner does.</summary>
    private async Task EndPublicityByItsTimedWorkAsync(Guid roundId)
    {
        var round = browser.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IVentureRoundGrain>(roundId);
        var endsAt = (await round.GetInfoAsync())!.Publicity!.EndsAt;
        browser.Clock.Advance(endsAt - browser.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        long workId;
        await using (var scope = browser.Factory.Services.CreateAsyncScope())
        {
            workId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ScheduledWork.AsNoTracking()
                .Where(w => w.Kind == IRoundTimers.PublicityEndKind && w.SubjectId == roundId.ToString()).Select(w => w.Id).SingleAsync();
        }
        await browser.Factory.Services.GetRequiredService<Marketplace.Web.Infrastructure.Jobs.DueWorkRunner>().RunAsync(workId, CancellationToken.None);
        Assert.Equal(RoundStatus.Contracts, (await round.GetInfoAsync())!.Status);
    }

    private async Task<List<string>> DrawnExpertsAsync(Guid roundId)
    {
        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var street = await db.Streets.Where(s => s.Name == "秣陵街道").Select(s => new { s.Id, s.DistrictId }).SingleAsync();
        var view = await browser.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IVentureRoundGrain>(roundId)
            .GetOrganizerViewAsync(new RoundOrganizer(street.DistrictId, street.Id));
        return [.. view.Value!.Panel!.Members.Select(m => m.UserName!)];
    }
}
