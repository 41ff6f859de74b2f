using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Rounds;

/// <summary>A street's round brought through the grain to 择优立项 or 立项公示: 乐家 (90 分, ¥50,000) and 仁爱 (80 分, ¥30,000) apply, both pass 初审, the seeded 养老服务 experts score.</summary>
internal static class RoundFlow
{
    public const string Lejia = "52320115MJ5K41253H", Renai = "52320115MJ5K526814";

    public static async Task<(IVentureRoundGrain Round, RoundOrganizer Organizer)> PublishedAsync(MarketplaceAppFactory factory, MovableClock clock, string title)
    {
        var (round, organizer, _, _) = await SelectedAsync(factory, clock, title, "谷里街道");
        Ok((await round.PublishSelectionAsync(organizer, "guli")).Errors);
        return (round, organizer);
    }

    public static async Task<(IVentureRoundGrain Round, RoundOrganizer Organizer, Guid Lejia, Guid Renai)> SelectedAsync(
        MarketplaceAppFactory factory, MovableClock clock, string title, string streetName)
    {
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var street = await db.Streets.Where(x => x.Name == streetName).Select(x => new { x.Id, x.DistrictId }).SingleAsync();
        var organizer = new RoundOrganizer(street.DistrictId, street.Id);
        var now = clock.GetUtcNow();
        var settings = new RoundSettings(title, "百个公益项目助力街道服务", RoundSettings.DefaultCategories, Money.FromYuan(100_000m),
            FundingSource.WelfareLottery, Money.FromYuan(50_000m), 60m, 2, now.AddMinutes(-1), now.AddHours(1), RoundSettings.DefaultCriteria,
            null, 0m, "elderly", [], ChinaTime.Year(now));
        var round = grains.GetGrain<IVentureRoundGrain>(Guid.NewGuid());
        var created = await round.CreateAsync(organizer, settings, "organizer");
        Ok((await round.OpenAsync(organizer, created.Value!.Version, "organizer")).Errors);
        var a = (await round.ApplyAsync(Lejia, "江宁区乐家社会工作服务中心", Proposal("邻里守望 居家探访", 50_000m), "ngo.lejia")).Value;
        var b = (await round.ApplyAsync(Renai, "江宁区仁爱社会工作服务社", Proposal("助残融合 社区康复", 30_000m), "ngo.renai")).Value;

        clock.Advance(settings.Deadline - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        Ok((await round.ScreenAsync(organizer, a, true, "符合申报条件", "organizer")).Errors);
        Ok((await round.ScreenAsync(organizer, b, true, "符合申报条件", "organizer")).Errors);
        var panel = await round.DrawPanelAsync(organizer, 3, "养老服务", "organizer");
        Ok(panel.Errors);
        foreach (var m in panel.Value!.Members)
        {
            Ok((await round.DeclareAsync(m.UserName!, false, null)).Errors);
            Ok((await round.ScoreAsync(m.UserName!, a, Sheet(0.9m))).Errors);
            Ok((await round.ScoreAsync(m.UserName!, b, Sheet(0.8m))).Errors);
        }
        Ok((await round.SelectAsync(organizer, "organizer")).Errors);
        return (round, organizer, a, b);
    }

    internal static RoundProposal Proposal(string title, decimal request) => new(title, "为老服务", Money.FromYuan(request),
        [new("人员费", "社工补贴", Money.FromYuan(request - 10_000m)), new("活动费", "物资与场地", Money.FromYuan(10_000m))],
        "辖区独居老人", 120, "走访 500 人次，满意度 90% 以上", "项目主管 1 名、持证社工 2 名", 2, Money.Zero, 0);

    internal static ImmutableDictionary<string, CriterionScore> Sheet(decimal share) =>
        RoundSettings.DefaultCriteria.ToImmutableDictionary(c => c.Code, c => new CriterionScore(Scoring.Round2(c.Weight * share), null));

    public static void Ok(ImmutableArray<FieldError> errors) =>
        Assert.True(errors.IsDefaultOrEmpty, string.Join("; ", errors.IsDefault ? [] : errors.Select(e => e.Message)));
}
