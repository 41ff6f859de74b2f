using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Catalog;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Bench.Submissions;

/// <summary>
/// What a deadline rush needs, created through the grains as users would: 江宁区's streets with a
/// published transfer item and a confirmed budget, admitted organizations, published notices.
/// </summary>
internal static class BenchData
{
    public static async Task<string[]> OrganizationsAsync(BenchSilo silo, int count)
    {
        var district = await QueryAsync(silo, db => db.Districts.Where(d => d.Name == "江宁区").Select(d => d.Id).SingleAsync());
        var usccs = Enumerable.Range(1, count).Select(i =>
        {
            var body = $"52320115MJ{i:D7}";
            return body + Uscc.CheckCharacter(body);
        }).ToArray();
        await Parallel.ForEachAsync(usccs, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (uscc, _) =>
        {
            var grain = silo.Grains.GetGrain<IOrganizationGrain>(uscc);
            Check(await grain.RegisterAsync(new OrganizationProfile
            {
                Name = "江宁区社会工作服务中心" + uscc[^5..], Type = ProviderType.SocialWorkAgency, RegistrationAuthority = "南京市江宁区民政局",
                RegisteredOn = new DateOnly(2018, 5, 1), LegalRepresentative = "李明", ContactPerson = "李明", ContactPhone = "025-52100000",
                Address = "南京市江宁区东山街道上元大街1号", DistrictId = district, ServiceAreaCodes = ["elderly"], StaffCount = 12,
                SocialWorkers = new SocialWorkerCounts(3, 2, 0),
            }, "bench"));
            Check(await grain.ChangeStatusAsync(DirectoryStatus.Admitted, null, "bench"));
        });
        return usccs;
    }

    public static async Task<Guid[]> TendersAsync(BenchSilo silo, int count)
    {
        var streets = await QueryAsync(silo, db => db.Streets.Where(s => s.District!.Name == "江宁区").Select(s => new { s.Id, s.DistrictId }).ToListAsync());
        var now = DateTimeOffset.UtcNow;
        var serviceStart = DateOnly.FromDateTime(now.UtcDateTime.AddMonths(1));
        var items = new Dictionary<long, Guid>();
        foreach (var s in streets)
        {
            var catalog = silo.Grains.GetGrain<IStreetCatalogGrain>(s.Id);
            var item = Check(await catalog.CreateAsync(new TransferItemDraft("居家养老上门服务", "为高龄独居老人提供上门探访",
                [ProviderType.SocialWorkAgency], "持证社工不少于2名", "服务方案", "elderly", Money.FromYuan(300_000m),
                PurchaseNature.Service, "A0101"), "bench"));
            Check(await catalog.PublishAsync(item.Id, item.Version, "bench"));
            items[s.Id] = item.Id;
            var budget = silo.Grains.GetStreetBudget(s.Id, serviceStart.Year);
            // Each published notice holds its split (预算占用: 200,000 + 100,000), so a street carrying ten of the
            // hundred notices needs at least 2,000,000 财政资金 and 1,000,000 专项基金; twice that leaves room for more.
            var entered = Check(await budget.EnterBudgetAsync(new BudgetEntry(Money.FromYuan(6_000_000m),
                [new(FundingSource.Fiscal, Money.FromYuan(4_000_000m)), new(FundingSource.StreetNgoFund, Money.FromYuan(2_000_000m))], "压测预算"), 0, "bench"));
            if (!(await budget.ConfirmBudgetAsync(entered.Version, "bench")).Succeeded)
            {
                throw new InvalidOperationException("budget not confirmed");
            }
        }
        var ids = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            var street = streets[i % streets.Count];
            var notice = new TenderNotice(items[street.Id], $"居家养老上门服务（{i + 1}）", PurchaseMethod.ContractOutsourcing, Money.FromYuan(300_000m),
                [new FundingShare(FundingSource.Fiscal, Money.FromYuan(200_000m)), new FundingShare(FundingSource.StreetNgoFund, Money.FromYuan(100_000m))],
                serviceStart, serviceStart.AddYears(1).AddDays(-1), "为辖区高龄独居老人提供每周一次上门探访", ["服务方案", "持证社工名单"],
                new EligibilityRequirements([ProviderType.SocialWorkAgency], 2, true),
                [new("plan", "服务方案", 40m, false), new("team", "服务团队", 20m, false), new("exp", "服务经验", 10m, false), new("price", "价格", 30m, true)],
                now.AddMinutes(-1), now.AddHours(2), TenderRules.DefaultMinimumValidApplications, "养老服务");
            ids[i] = Guid.NewGuid();
            var tender = silo.Grains.GetGrain<ITenderGrain>(ids[i]);
            var created = Check(await tender.CreateAsync(street.Id, street.DistrictId, notice, "bench"));
            Check(await tender.PublishAsync(created.Version, "bench"));
        }
        return ids;
    }

    public static ApplicationProposal Proposal(int n) => new(
        Money.FromYuan(250_000m + n % 1000), "每周一次上门探访，建立服务档案", "项目主管1名、持证社工3名", 3, "连续三年承接居家养老项目",
        ["服务方案", "持证社工名单"]);

    private static async Task<T> QueryAsync<T>(BenchSilo silo, Func<AppDbContext, Task<T>> query)
    {
        await using var db = await silo.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    internal static void Check(Outcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException(outcome.Errors[0].Message);
        }
    }

    internal static T Check<T>(Outcome<T> outcome) => outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException(outcome.Errors[0].Message);
}
