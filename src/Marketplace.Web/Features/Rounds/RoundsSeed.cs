using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Budgets;
using Marketplace.Web.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Rounds;

/// <summary>
/// Demo rounds of 吴兴区 "双百助力、大爱公益": 月河街道's round of this year, finished (entered from its records,
/// 创投补录, since commands refuse what is past its deadline) with its funded projects under signed contracts, and
/// the district's round for 朝阳街道 and 爱山街道, open for applications. Both paid from 福利彩票公益金 through the
/// round grain, so the ledger holds and frees the pools as for any round.
/// </summary>
internal static class RoundsSeed
{
    private const string District = "吴兴区";
    private const string Lejia = "52330502MJ5A27315U";   // 乐家社会工作服务中心
    private const string Linli = "52330502MJ5A441235";   // 吴兴区月河街道邻里社会工作服务中心
    private const string Theme = "百名持证社工助力公益项目，百个公益项目助力街道服务";

    public static async Task SeedAsync(IServiceProvider sp, AppDbContext db, TimeProvider clock)
    {
        var grains = sp.GetRequiredService<IGrainFactory>();
        var streets = await db.Streets.AsNoTracking().Where(s => s.District!.Name == District)
            .ToDictionaryAsync(s => s.Name, s => (s.Id, s.DistrictId));
        var now = clock.GetUtcNow();
        var year = BudgetQueries.CurrentYear(clock);
        var yuehe = streets["月河街道"];
        var admin = DemoPeople.DistrictAdmin(District);

        // 月河街道: ¥100,000 pool, cap ¥50,000; two funded, one below the minimum score, one screened out.
        var official = DemoPeople.StreetOfficial(District, "月河街道");
        var organizer = new RoundOrganizer(yuehe.DistrictId, yuehe.Id);
        var deadline = now.AddDays(-70);
        var settings = Settings($"月河街道{year}年“双百助力、大爱公益”公益创投", 100_000m, 50_000m, now.AddDays(-100), deadline, []);
        var screenedAt = deadline.AddDays(3);
        // The round was scored on paper by experts of the district's pool; its 立项公示 names them.
        ImmutableArray<string> panel = [.. (await grains.GetGrain<Marketplace.Tendering.IExpertPoolGrain>(yuehe.DistrictId).GetExpertsAsync()).Select(e => e.Name).Take(3)];
        var round = grains.GetGrain<IVentureRoundGrain>(Guid.CreateVersion7(deadline));
        Check(await round.RecordFinishedAsync(organizer, new RoundRecord(settings,
        [
            Recorded(Lejia, Proposal("“银龄守望”独居老人探访关爱", "为老服务", 48_000m, "月河街道独居、空巢老人", 120, 3, yuehe.Id), deadline.AddDays(-9), official, screenedAt, 86.40m),
            Recorded(Linli, Proposal("“向阳花”困境青少年成长陪伴", "青少年成长", 45_000m, "辖区困境家庭青少年", 60, 2, yuehe.Id), deadline.AddDays(-5), official, screenedAt, 81.75m),
            Recorded(Lejia, Proposal("“邻里议事厅”楼道自治培育", "社区治理", 30_000m, "红旗路社区居民骨干", 200, 1, yuehe.Id), deadline.AddDays(-2), official, screenedAt, 58.50m),
            Recorded(Linli, Proposal("“暖心包”困难家庭节日帮扶", "困难帮扶", 20_000m, "低保、低边家庭", 80, 0, yuehe.Id), deadline.AddDays(-1), official, screenedAt, null,
                "项目以发放物资为主，不属于专业社会工作服务项目，不符合本次创投申报条件"),
        ], deadline.AddDays(20), panel), official), "月河街道");
        var start = ChinaTime.Day(now).AddDays(-14);
        var contracts = await round.CreateContractsAsync(organizer, start, ContractTerm.LastDay(start, 1), official);
        Check(contracts, "月河街道");
        foreach (var id in contracts.Value!)
        {
            var contract = grains.GetGrain<IContractGrain>(id);
            var uscc = (await contract.GetAsync())!.Uscc;
            Check(await contract.SignAsStreetAsync(yuehe.Id, official), "月河街道");
            var (bank, account, signer) = uscc == Lejia ? ("湖州银行吴兴支行", "1101 0108 3620 0015 871", "陈静") : ("浙江农商银行湖州月河支行", "2010 0036 1872 5509 214", "沈晓梅");
            Check(await contract.SignAsOrganizationAsync(uscc, new BankAccount(bank, (await contract.GetAsync())!.OrganizationName, account), signer), "月河街道");
        }

        // The district's round for 朝阳街道 and 爱山街道: ¥400,000 shared half and half, open for another 25 days.
        var district = new RoundOrganizer(yuehe.DistrictId, null);
        var open = grains.GetGrain<IVentureRoundGrain>(Guid.CreateVersion7(now));
        var created = await open.CreateAsync(district, Settings($"吴兴区{year}年“双百助力、大爱公益”区级公益创投", 400_000m, 150_000m, now.AddDays(-5), now.AddDays(25),
            [new(streets["朝阳街道"].Id, Money.FromYuan(200_000m)), new(streets["爱山街道"].Id, Money.FromYuan(200_000m))]), admin);
        Check(created, "吴兴区");
        Check(await open.OpenAsync(district, created.Value!.Version, admin), "吴兴区");
    }

    private static RoundSettings Settings(string title, decimal pool, decimal cap, DateTimeOffset opens, DateTimeOffset deadline, ImmutableArray<RoundStreetShare> shares) =>
        new(title, Theme, RoundSettings.DefaultCategories, Money.FromYuan(pool), FundingSource.WelfareLottery, Money.FromYuan(cap),
            RoundSettings.DefaultMinScore, RoundSettings.DefaultPerOrganizationLimit, opens, deadline, RoundSettings.DefaultCriteria,
            null, 0m, "charity", shares, ChinaTime.Year(opens));

    private static RoundProposal Proposal(string title, string category, decimal request, string who, int people, int socialWorkers, long streetId) =>
        new(title, category, Money.FromYuan(request),
        [
            new("人员费", "持证社工服务补贴", Money.FromYuan(request * 0.6m)),
            new("活动费", "小组与社区活动物资、场地", Money.FromYuan(request * 0.3m)),
            new("管理费", "督导与项目评估", Money.FromYuan(request * 0.1m)),
        ],
            who, people, "服务覆盖率不低于90%，服务对象满意度不低于95%，形成服务案例3篇", $"项目主管1名，持证社工{socialWorkers}名，志愿者10名",
            socialWorkers, Money.Zero, streetId);

    private static RecordedRoundApplication Recorded(string uscc, RoundProposal p, DateTimeOffset submitted, string by, DateTimeOffset at, decimal? total,
        string reason = "申报材料齐全，符合申报条件") =>
        new(uscc, p, submitted, new ScreeningDecision(total is not null, reason, by, at), total);

    private static void Check<T>(Outcome<T> outcome, string what)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Seed round of {what} is invalid: {string.Join("; ", outcome.Errors.Select(e => e.Message))}");
        }
    }
}
