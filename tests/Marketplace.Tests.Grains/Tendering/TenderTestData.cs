using Marketplace.Budgets;
using Marketplace.Catalog;
using Marketplace.Organizations;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Grains.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Grains.Tendering;

/// <summary>What a tender needs around it: a street with a published transfer item, NGO accounts.</summary>
internal static class TenderTestData
{
    /// <summary>A street of 江宁区 with a published transfer item to buy from.</summary>
    public static async Task<(long StreetId, long DistrictId, Guid ItemId)> StreetWithItemAsync(this ClusterFixture cluster, string street)
    {
        var s = await cluster.QueryAsync(db => db.Streets.Where(x => x.Name == street).Select(x => new { x.Id, x.DistrictId }).SingleAsync());
        var catalog = cluster.Grains.GetGrain<IStreetCatalogGrain>(s.Id);
        var item = (await catalog.CreateAsync(new TransferItemDraft("居家养老上门服务", "为高龄独居老人提供上门探访",
            [ProviderType.SocialWorkAgency], "持证社工不少于2名", "服务方案", "elderly", Money.FromYuan(300_000m),
            PurchaseNature.Service, "A0101"), "test")).Value!;
        await catalog.PublishAsync(item.Id, item.Version, "test");
        return (s.Id, s.DistrictId, item.Id);
    }

    private static int _sequence;

    /// <summary>A fresh 社工机构 credit code (prefix 52, 江宁区) with its GB 32100-2015 check character.</summary>
    public static string NewUscc()
    {
        var body = $"52320115MJ{Interlocked.Increment(ref _sequence):D7}";
        return body + Uscc.CheckCharacter(body);
    }

    /// <summary>
    /// Organizations with these credit codes admitted (已入库) to 江宁区's directory, with enough certified
    /// social workers: what the directory's eligibility check asks of an applicant.
    /// </summary>
    public static async Task AddNgoAccountsAsync(this ClusterFixture cluster, params string[] usccs)
    {
        var district = await cluster.QueryAsync(db => db.Districts.Where(d => d.Name == "江宁区").Select(d => d.Id).SingleAsync());
        foreach (var uscc in usccs)
        {
            var grain = cluster.Grains.GetGrain<IOrganizationGrain>(uscc);
            var registered = await grain.RegisterAsync(new OrganizationProfile
            {
                Name = "江宁区社会工作服务中心" + uscc[^4..], Type = ProviderType.SocialWorkAgency, RegistrationAuthority = "南京市江宁区民政局",
                RegisteredOn = new DateOnly(2018, 5, 1), LegalRepresentative = "李明", ContactPerson = "李明", ContactPhone = "025-52100000",
                Address = "南京市江宁区东山街道上元大街1号", DistrictId = district, ServiceAreaCodes = ["elderly"], StaffCount = 12,
                SocialWorkers = new SocialWorkerCounts(3, 2, 0),
            }, "test");
            Assert.True(registered.Succeeded, registered.Errors.IsDefaultOrEmpty ? "" : registered.Errors[0].Message);
            var admitted = await grain.ChangeStatusAsync(DirectoryStatus.Admitted, null, "admin");
            Assert.True(admitted.Succeeded, admitted.Errors.IsDefaultOrEmpty ? "" : admitted.Errors[0].Message);
        }
    }

    /// <summary>A confirmed budget for the street and year, so a notice has the money behind it.</summary>
    public static async Task FundedAsync(this ClusterFixture cluster, long streetId, int year)
    {
        var budget = cluster.Grains.GetStreetBudget(streetId, year);
        if ((await budget.GetAsync()).Budget is { Status: BudgetStatus.Confirmed })
        {
            return;
        }
        // Every published notice holds its split (预算占用), so the street carries enough for all the notices a test class publishes.
        SourceAmount[] lines = [new(FundingSource.Fiscal, Money.FromYuan(20_000_000m)), new(FundingSource.StreetNgoFund, Money.FromYuan(5_000_000m))];
        var entered = await budget.EnterBudgetAsync(new BudgetEntry(Money.FromYuan(25_000_000m), [.. lines], "测试预算"), 0, "test");
        Assert.True(entered.Succeeded, entered.Errors.IsDefaultOrEmpty ? "" : entered.Errors[0].Message);
        Assert.True((await budget.ConfirmBudgetAsync(entered.Value!.Version, "admin")).Succeeded);
    }

    /// <summary>What an applicant offers in these tests: the required documents, three certified social workers.</summary>
    public static ApplicationProposal Proposal(decimal price, int workers = 3) => new(
        Money.FromYuan(price), "每周一次上门探访，建立服务档案", "项目主管1名、持证社工3名", workers, "连续三年承接居家养老项目",
        ["服务方案", "持证社工名单"]);

    /// <summary>A funded, published notice of the street, open from a minute ago for <paramref name="window"/> (default 1 hour).</summary>
    public static async Task<(ITenderGrain Grain, TenderInfo Info)> PublishedTenderAsync(this ClusterFixture cluster, string street,
        TimeSpan? window = null, int minimum = 3, decimal ceiling = 300_000m)
    {
        var (streetId, districtId, itemId) = await cluster.StreetWithItemAsync(street);
        var now = cluster.Clock.GetUtcNow();
        var notice = TenderRulesTests.Notice(now.AddMinutes(-1), ceiling) with
        {
            TransferItemId = itemId, Deadline = now + (window ?? TimeSpan.FromHours(1)), MinimumValidApplications = minimum,
        };
        await cluster.FundedAsync(streetId, notice.ServiceStart.Year);
        var grain = cluster.Grains.GetGrain<ITenderGrain>(Guid.NewGuid());
        var created = await grain.CreateAsync(streetId, districtId, notice, "dongshan");
        Assert.True(created.Succeeded, created.Errors.IsDefaultOrEmpty ? "" : created.Errors[0].Message);
        var published = await grain.PublishAsync(created.Value!.Version, "dongshan");
        Assert.True(published.Succeeded, published.Errors.IsDefaultOrEmpty ? "" : published.Errors[0].Message);
        return (grain, published.Value!);
    }

    /// <summary>
    /// A notice of 东山街道 drawing its panel from <paramref name="field"/>, applied to by three new organizations
    /// and closed one second after its deadline.
    /// </summary>
    public static async Task<ITenderGrain> ClosedTenderAsync(this ClusterFixture cluster, string field, long streetId, long districtId, Guid itemId,
        IReadOnlyList<string> usccs)
    {
        var now = cluster.Clock.GetUtcNow();
        var notice = TenderRulesTests.Notice(now.AddMinutes(-1)) with { TransferItemId = itemId, Deadline = now.AddHours(1), ExpertField = field };
        await cluster.FundedAsync(streetId, notice.ServiceStart.Year);
        var tender = cluster.Grains.GetGrain<ITenderGrain>(Guid.NewGuid());
        var created = (await tender.CreateAsync(streetId, districtId, notice, "dongshan")).Value!;
        Assert.True((await tender.PublishAsync(created.Version, "dongshan")).Succeeded);
        for (var i = 0; i < usccs.Count; i++)
        {
            Assert.True((await tender.SubmitAsync(usccs[i], Proposal(250_000m + i * 10_000m), $"k{i}", "ngo")).Succeeded);
        }
        cluster.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(TenderStatus.Closed, (await tender.CloseAsync()).Value!.Status);
        return tender;
    }
}
