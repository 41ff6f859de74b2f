using Marketplace.Catalog;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Catalog;

/// <summary>Service areas and guiding-catalogue entries, read from the database for the catalog rules.</summary>
public sealed class CatalogReferenceData(IDbContextFactory<AppDbContext> dbFactory) : ICatalogReferenceData
{
    public async Task<IReadOnlySet<string>> ServiceAreaCodesAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return (await db.ServiceAreas.Select(a => a.Code).ToListAsync()).ToHashSet();
    }

    public async Task<bool> GuidingEntryExistsAsync(long streetId, string code)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.GuidingCatalogEntries.AnyAsync(e => e.Active && e.Code == code &&
            db.Streets.Any(s => s.Id == streetId && s.DistrictId == e.DistrictId));
    }
}
