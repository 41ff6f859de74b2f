using Marketplace.Catalog;
using Marketplace.Domain;
using Marketplace.Tests.Unit.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Unit.Tendering;

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

    /// <summary>NGO accounts bound to these credit codes (what the default eligibility check asks for).</summary>
    public static async Task AddNgoAccountsAsync(this ClusterFixture cluster, params string[] usccs)
    {
        await using var db = await cluster.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        db.Users.AddRange(usccs.Select(u => new ApplicationUser { UserName = "ngo-" + u, NormalizedUserName = "NGO-" + u, DisplayName = u, OrganizationUscc = u }));
        await db.SaveChangesAsync();
    }
}
