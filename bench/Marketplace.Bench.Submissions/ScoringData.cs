using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Bench.Submissions;

/// <summary>
/// The expert-scoring scenario's data (issue 15): one closed notice of 江宁区 with three applications, a
/// panel drawn from a pool of <c>experts</c> expert accounts (each declared no conflict), and one
/// evaluator login per expert. A panel has an odd size (TenderRules.ValidatePanelSize) and no upper
/// bound but the pool, so 300 experts scoring at once is a panel of 301 on one notice.
/// </summary>
internal static class ScoringData
{
    private const string Field = "养老服务"; // the notice's expert field (评审专家领域)
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] GivenNames = ["建国", "丽华", "志强", "秀英", "海燕", "文斌", "晓东", "玉兰", "明辉", "春梅", "国平", "静怡", "德胜", "雪芳", "立新", "桂英", "永红", "子涵", "振宇", "慧敏"];

    /// <summary>Creates the closed notice with its panel; returns the tender id and the evaluators' user names.</summary>
    public static async Task<(Guid Tender, string[] Experts)> ClosedTenderWithPanelAsync(BenchSilo silo, IReadOnlyList<string> admitted, int experts, string password)
    {
        if (experts % 2 == 0 || experts < 3 || experts > Surnames.Length * GivenNames.Length)
        {
            throw new ArgumentException($"a panel is odd-sized, 3 to {Surnames.Length * GivenNames.Length} here: {experts}");
        }
        await using var db = await silo.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var street = await db.Streets.Where(s => s.District!.Name == "江宁区").OrderBy(s => s.Id).Select(s => new { s.Id, s.DistrictId }).FirstAsync();
        var item = await db.TransferItems.Where(t => t.StreetId == street.Id).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();

        var names = Enumerable.Range(0, experts).Select(i => "expert" + (i + 1).ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        // Evaluator accounts of the district (the review page checks the tenant), one shared password hash.
        await BenchLogins.AddAsync(db, Roles.Evaluator, password, names.Select(n => new ApplicationUser
        {
            UserName = n, DisplayName = "评审专家" + n[^3..], DistrictId = street.DistrictId,
        }));
        var pool = silo.Grains.GetGrain<IExpertPoolGrain>(street.DistrictId);
        for (var i = 0; i < experts; i++)
        {
            var name = Surnames[i % Surnames.Length] + GivenNames[i / Surnames.Length];
            BenchData.Check(await pool.AddAsync(new ExpertDraft(name, Field, "南京市社会工作协会", null, names[i], null, [])));
        }

        // A notice whose deadline passes a few seconds from now, three applications, then the close.
        var now = DateTimeOffset.UtcNow;
        var deadline = now.AddSeconds(3);
        var serviceStart = DateOnly.FromDateTime(now.UtcDateTime.AddMonths(1));
        var notice = new TenderNotice(item, "社区居家养老综合服务（专家评审）", PurchaseMethod.ContractOutsourcing, Money.FromYuan(300_000m),
            [new FundingShare(FundingSource.Fiscal, Money.FromYuan(200_000m)), new FundingShare(FundingSource.StreetNgoFund, Money.FromYuan(100_000m))],
            serviceStart, serviceStart.AddYears(1).AddDays(-1), "为辖区高龄独居老人提供上门探访与助餐服务", ["服务方案", "持证社工名单"],
            new EligibilityRequirements([ProviderType.SocialWorkAgency], 2, true),
            [new("plan", "服务方案", 40m, false), new("team", "服务团队", 20m, false), new("exp", "服务经验", 10m, false), new("price", "价格", 30m, true)],
            now.AddMinutes(-1), deadline, TenderRules.DefaultMinimumValidApplications, Field);
        var id = Guid.NewGuid();
        var tender = silo.Grains.GetGrain<ITenderGrain>(id);
        var created = BenchData.Check(await tender.CreateAsync(street.Id, street.DistrictId, notice, "bench"));
        BenchData.Check(await tender.PublishAsync(created.Version, "bench"));
        for (var i = 0; i < TenderRules.DefaultMinimumValidApplications; i++)
        {
            BenchData.Check(await tender.SubmitAsync(admitted[i], BenchData.Proposal(i), $"scoring-{i}", "bench"));
        }
        var wait = deadline - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait + TimeSpan.FromMilliseconds(100)); // the deadline is wall-clock time: nothing to poll
        }
        var closed = BenchData.Check(await tender.CloseAsync());
        if (closed.Status != TenderStatus.Closed)
        {
            throw new InvalidOperationException($"the scoring notice did not close: {closed.Status}");
        }
        var panel = BenchData.Check(await tender.RequestPanelAsync(experts, "bench"));
        foreach (var member in panel.Members)
        {
            BenchData.Check(await tender.DeclareAsync(member.UserName!, false, null));
        }
        return (id, [.. panel.Members.Select(m => m.UserName!)]);
    }
}
