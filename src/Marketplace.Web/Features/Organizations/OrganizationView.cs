using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Organizations;

/// <summary>Everything the profile pages show about one organization, read from the directory read model.</summary>
public sealed record OrganizationView(
    OrganizationRow Organization, string District, string? Street, IReadOnlyList<string> Areas, string? IncubationBase,
    IReadOnlyList<OrganizationStatusChangeRow> History, IReadOnlyList<NegativeEntryRow> NegativeEntries,
    IReadOnlyList<IncubationRecordRow> Incubation, IReadOnlyList<OrganizationDocumentRow> Documents)
{
    public static async Task<OrganizationView?> LoadAsync(AppDbContext db, string uscc, CancellationToken ct)
    {
        var o = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(x => x.Uscc == uscc, ct);
        if (o is null)
        {
            return null;
        }
        var district = await db.Districts.Where(d => d.Id == o.DistrictId).Select(d => d.City + d.Name).SingleAsync(ct);
        var street = o.StreetId is { } s ? await db.Streets.Where(x => x.Id == s).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        var areas = await DirectoryQueries.AreaNamesAsync(db, ct);
        var baseName = o.IncubationBaseId is { } b ? await db.IncubationBases.Where(x => x.Id == b).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        return new OrganizationView(o, district, street, [.. o.ServiceAreaCodes.Select(c => areas.GetValueOrDefault(c, c))], baseName,
            await db.OrganizationStatusChanges.AsNoTracking().Where(x => x.Uscc == uscc).OrderByDescending(x => x.Sequence).ToListAsync(ct),
            await db.NegativeEntries.AsNoTracking().Where(x => x.Uscc == uscc).OrderByDescending(x => x.StartsOn).ToListAsync(ct),
            await db.IncubationRecords.AsNoTracking().Where(x => x.Uscc == uscc).OrderBy(x => x.StartsOn).ToListAsync(ct),
            await db.OrganizationDocuments.AsNoTracking().Where(x => x.Uscc == uscc).OrderByDescending(x => x.UploadedAt).ToListAsync(ct));
    }
}
