using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Ngo.Rounds;

/// <summary>An organization's district is the directory's (an NGO account carries no district claim).</summary>
internal static class OrganizationDistrict
{
    public static async Task<long?> OfAsync(AppDbContext db, string? uscc) => uscc is null ? null
        : await db.Organizations.AsNoTracking().Where(o => o.Uscc == uscc).Select(o => (long?)o.DistrictId).SingleOrDefaultAsync();
}
