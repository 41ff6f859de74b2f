using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Organizations;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Rounds;

/// <summary>
/// Issue 13: a round's applicants are told, each only of its own project, that it was screened out (with the reason),
/// funded at an adjusted amount to answer, funded or not funded when 立项公示 starts, the end of 立项公示 (with the
/// signing deadline), and the answer to the objection they filed.
/// </summary>
public abstract class RoundNotificationTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Yilin = "52320115MJ5K06310Y"; // 益邻 (login yilin), screened out, then objects

    [SkippableFact]
    public async Task Each_applicant_is_told_of_its_own_project_and_no_other()
    {
        // Pool ¥60,000: 乐家 (90 分) funded at an adjusted ¥45,000; 仁爱 (80 分, ¥30,000) does not fit what is left; 益邻 screened out.
        var tag = Guid.NewGuid().ToString("N")[..6];
        var title = $"谷里街道公益创投（通知测试{tag}）";
        var clock = app.Clock;
        var grains = Factory.Services.GetRequiredService<IGrainFactory>();
        var street = await OrganizationForms.QueryAsync(Factory, db => db.Streets.Where(x => x.Name == "谷里街道").Select(x => new { x.Id, x.DistrictId }).SingleAsync());
        var organizer = new RoundOrganizer(street.DistrictId, street.Id);
        var now = clock.GetUtcNow();
        var settings = new RoundSettings(title, "百个公益项目助力街道服务", RoundSettings.DefaultCategories, Money.FromYuan(60_000m),
            Marketplace.Budgets.FundingSource.WelfareLottery, Money.FromYuan(50_000m), 60m, 2, now.AddMinutes(-1), now.AddHours(1), RoundSettings.DefaultCriteria,
            null, 0m, "elderly", [], ChinaTime.Year(now));
        var round = grains.GetGrain<IVentureRoundGrain>(Guid.NewGuid());
        var created = await round.CreateAsync(organizer, settings, "guli");
        RoundFlow.Ok((await round.OpenAsync(organizer, created.Value!.Version, "guli")).Errors);
        var lejia = (await round.ApplyAsync(RoundFlow.Lejia, "江宁区乐家社会工作服务中心", RoundFlow.Proposal($"邻里守望{tag}", 50_000m), "ngo.lejia")).Value;
        var renai = (await round.ApplyAsync(RoundFlow.Renai, "江宁区仁爱社会工作服务社", RoundFlow.Proposal($"助残融合{tag}", 30_000m), "ngo.renai")).Value;
        var yilin = await round.ApplyAsync(Yilin, "益邻社会工作服务中心", RoundFlow.Proposal($"儿童托管{tag}", 20_000m), "yilin");
        Assert.True(yilin.Succeeded, string.Join("; ", yilin.Errors.IsDefault ? [] : yilin.Errors.Select(e => e.Message)));

        clock.Advance(settings.Deadline - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        RoundFlow.Ok((await round.ScreenAsync(organizer, lejia, true, "符合申报条件", "guli")).Errors);
        RoundFlow.Ok((await round.ScreenAsync(organizer, renai, true, "符合申报条件", "guli")).Errors);
        RoundFlow.Ok((await round.ScreenAsync(organizer, yilin.Value, false, "服务对象不在本街道辖区", "guli")).Errors);
        var panel = await round.DrawPanelAsync(organizer, 3, "养老服务", "guli");
        RoundFlow.Ok(panel.Errors);
        foreach (var m in panel.Value!.Members)
        {
            RoundFlow.Ok((await round.DeclareAsync(m.UserName!, false, null)).Errors);
            RoundFlow.Ok((await round.ScoreAsync(m.UserName!, lejia, RoundFlow.Sheet(0.9m))).Errors);
            RoundFlow.Ok((await round.ScoreAsync(m.UserName!, renai, RoundFlow.Sheet(0.8m))).Errors);
        }
        RoundFlow.Ok((await round.SelectAsync(organizer, "guli")).Errors);
        RoundFlow.Ok((await round.AdjustAsync(organizer, lejia, Money.FromYuan(45_000m), "活动物资预算偏高", "guli")).Errors);
        RoundFlow.Ok((await round.RespondAdjustmentAsync(RoundFlow.Lejia, lejia, true, "ngo.lejia")).Errors);
        RoundFlow.Ok((await round.PublishSelectionAsync(organizer, "guli")).Errors);
        RoundFlow.Ok((await round.ObjectAsync(Yilin, lejia, "该项目的服务对象与本单位已承接项目重复", "yilin")).Errors);
        RoundFlow.Ok((await round.DecideObjectionAsync(organizer, 1, false, "经核查，服务对象不重复", "guli")).Errors);
        clock.Advance((await round.GetInfoAsync())!.Publicity!.EndsAt - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        RoundFlow.Ok((await round.EndPublicityIfDueAsync()).Errors);

        var texts = await OrganizationForms.QueryAsync(Factory, db => db.Notifications.AsNoTracking().Where(n => n.Text.Contains(tag) || n.Text.Contains(title))
            .Select(n => new { n.Recipient, n.Text }).ToListAsync());
        string[] Of(string uscc) => [.. texts.Where(n => n.Recipient == Recipient.Organization(uscc).Key).Select(n => n.Text)];
        Assert.All(texts, n => Assert.StartsWith("org:", n.Recipient, StringComparison.Ordinal));

        var toLejia = Of(RoundFlow.Lejia);
        Assert.Contains(toLejia, t => t.Contains("拟按 ¥45,000.00 资助", StringComparison.Ordinal) && t.Contains("活动物资预算偏高", StringComparison.Ordinal));
        Assert.Contains(toLejia, t => t.Contains("拟获", StringComparison.Ordinal) && t.Contains("资助 ¥45,000.00（得分 90.00）", StringComparison.Ordinal));
        Assert.Contains(toLejia, t => t.Contains("立项公示已结束", StringComparison.Ordinal) && t.Contains("确定资助 ¥45,000.00，请于", StringComparison.Ordinal));
        Assert.All(toLejia, t => Assert.Contains($"邻里守望{tag}", t));

        var toRenai = Of(RoundFlow.Renai);
        Assert.Contains(toRenai, t => t.Contains("未获", StringComparison.Ordinal) && t.Contains("资金池不足（得分 80.00）", StringComparison.Ordinal));
        Assert.Contains(toRenai, t => t.Contains("立项公示已结束", StringComparison.Ordinal) && t.Contains("未获资助（资金池不足）", StringComparison.Ordinal));
        Assert.All(toRenai, t => Assert.Contains($"助残融合{tag}", t));

        var toYilin = Of(Yilin);
        Assert.Contains(toYilin, t => t.Contains("未通过", StringComparison.Ordinal) && t.Contains("初审：服务对象不在本街道辖区", StringComparison.Ordinal));
        Assert.Contains(toYilin, t => t.Contains("异议已答复：异议不成立，经核查，服务对象不重复", StringComparison.Ordinal));
        Assert.All(toYilin, t => Assert.DoesNotContain($"邻里守望{tag}", t));
        Assert.Equal(texts.Count, toLejia.Length + toRenai.Length + toYilin.Length); // nobody else

        // The organization's inbox shows its own and not another's.
        using var ngo = await AppSession.LoginAsync(Factory, "ngo.renai");
        var inbox = await ngo.GetHtmlAsync("/Notifications");
        Assert.Contains($"助残融合{tag}", inbox);
        Assert.DoesNotContain($"邻里守望{tag}", inbox);
    }
}

public sealed class RoundNotificationTests_Sqlite(SqliteTenderApp app) : RoundNotificationTests(app), IClassFixture<SqliteTenderApp>;

public sealed class RoundNotificationTests_Postgres(PostgresTenderApp app) : RoundNotificationTests(app), IClassFixture<PostgresTenderApp>;
