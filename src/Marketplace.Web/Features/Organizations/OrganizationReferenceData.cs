using Marketplace.Organizations;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Organizations;

/// <summary>Districts, streets, service areas and incubation bases, read from the database for the organization rules.</summary>
public sealed class OrganizationReferenceData(IDbContextFactory<AppDbContext> dbFactory) : IOrganizationReferenceData
{
    public async Task<IReadOnlySet<string>> ServiceAreaCodesAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return (await db.ServiceAreas.Select(a => a.Code).ToListAsync()).ToHashSet();
    }

    public async Task<bool> DistrictExistsAsync(long districtId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Districts.AnyAsync(d => d.Id == districtId);
    }

    public async Task<bool> StreetInDistrictAsync(long streetId, long districtId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Streets.AnyAsync(s => s.Id == streetId && s.DistrictId == districtId);
    }

    public async Task<string?> IncubationBaseNameAsync(long baseId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.IncubationBases.Where(b => b.Id == baseId).Select(b => b.Name).SingleOrDefaultAsync();
    }
}
