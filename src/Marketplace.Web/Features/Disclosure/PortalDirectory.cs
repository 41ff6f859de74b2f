using Marketplace.Organizations;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Disclosure;

/// <summary>The directory as the portal shows it: admitted organizations only (the public directory's rule), best-rated first.</summary>
public static class PortalDirectory
{
    /// <summary>Organizations with a star rating (星级评定 from final grades), most stars first, then 优秀 priority, then name.</summary>
    public static async Task<List<DirectoryQueries.Item>> BestRatedAsync(AppDbContext db, long? districtId, long? streetId, int take, CancellationToken ct)
    {
        var graded = await db.Contracts.AsNoTracking()
            .Where(c => c.FinalGrade != null && (districtId == null || c.DistrictId == districtId) && (streetId == null || c.StreetId == streetId))
            .Select(c => c.Uscc).Distinct().ToListAsync(ct);
        var rows = await db.Organizations.AsNoTracking().Where(o => graded.Contains(o.Uscc) && o.Status == DirectoryStatus.Admitted).ToListAsync(ct);
        var items = await DirectoryQueries.DescribeAsync(db, rows, ct);
        return [.. items.Where(i => i.Stars is not null).OrderByDescending(i => i.Stars).ThenByDescending(i => i.Priority).ThenBy(i => i.Name, StringComparer.Ordinal).Take(take)];
    }

    /// <summary>A district's admitted organizations (those based in the street first when one is given), with stars and negative entries.</summary>
    public static async Task<(IReadOnlyList<DirectoryQueries.Item> Items, Dictionary<string, List<PublicOrganizationsApi.PublicNegativeEntryDto>> Negative)> ListAsync(
        AppDbContext db, long districtId, long? nearStreetId, CancellationToken ct)
    {
        var page = await DirectoryQueries.SearchAsync(db, new DirectoryQueries.Filter { DistrictId = districtId, Status = DirectoryStatus.Admitted, NearStreetId = nearStreetId }, 1, ct);
        var negative = await PublicOrganizationsApi.PublishedNegativeEntriesAsync(db, [.. page.Items.Select(i => i.Uscc)], ct);
        return (page.Items, negative);
    }
}
