using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Rounds;

/// <summary>A district's streets by id: the lines of a district round's shares and the only streets a share may name.</summary>
public static class DistrictStreets
{
    public static async Task<IReadOnlyDictionary<long, string>> OfAsync(AppDbContext db, long districtId) =>
        await db.Streets.AsNoTracking().Where(s => s.DistrictId == districtId).ToDictionaryAsync(s => s.Id, s => s.Name);
}
