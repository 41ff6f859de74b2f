using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Tendering;

internal sealed record NgoAccountSeed(string UserName, string DisplayName, string District, string Uscc);
internal sealed record ExpertSeed(string District, string Name, string Field, string Employer, string? UserName);

/// <summary>
/// Demo data for purchases: NGO accounts bound to their credit codes (until the organization directory
/// brings real organizations; skipped for any user name that already exists) and 江宁区's expert pool.
/// </summary>
internal static class TenderingSeed
{
    public static async Task SeedAsync(IServiceProvider sp, AppDbContext db, string password)
    {
        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var n in SeedFiles.Read<NgoAccountSeed>("ngo-accounts.json"))
        {
            if (await users.FindByNameAsync(n.UserName) is not null)
            {
                continue;
            }
            var district = await db.Districts.SingleAsync(d => d.Name == n.District);
            var user = new ApplicationUser { UserName = n.UserName, DisplayName = n.DisplayName, DistrictId = district.Id, OrganizationUscc = n.Uscc };
            Check(await users.CreateAsync(user, password), n.UserName);
            Check(await users.AddToRoleAsync(user, Roles.Ngo), n.UserName);
        }
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

    private static void Check(IdentityResult result, string who)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding user {who} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
