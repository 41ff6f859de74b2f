using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Tendering;

internal sealed record ExpertSeed(string District, string Name, string Field, string Employer, string? UserName);

/// <summary>
/// Demo data for purchases: 江宁区's expert pool. The applicant organizations and their NGO logins
/// (ngo.lejia, ngo.renai, ngo.qiming) come from the organization directory's seed.
/// </summary>
internal static class TenderingSeed
{
    public static async Task SeedAsync(IServiceProvider sp, AppDbContext db)
    {
        var grains = sp.GetRequiredService<IGrainFactory>();
        foreach (var group in SeedFiles.Read<ExpertSeed>("expert-pool.json").GroupBy(e => e.District))
        {
            var districtId = await db.Districts.Where(d => d.Name == group.Key).Select(d => d.Id).SingleAsync();
            var pool = grains.GetGrain<IExpertPoolGrain>(districtId);
            var existing = (await pool.GetExpertsAsync()).Select(e => e.Name).ToHashSet();
            foreach (var e in group.Where(e => !existing.Contains(e.Name)))
            {
                var added = await pool.AddAsync(new ExpertDraft(e.Name, e.Field, e.Employer, null, e.UserName, null, []));
                if (!added.Succeeded)
                {
                    throw new InvalidOperationException($"Seed expert '{e.Name}' is invalid: {added.Errors[0].Message}");
                }
            }
        }
    }
}
