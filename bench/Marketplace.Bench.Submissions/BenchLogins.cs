using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Bench.Submissions;

/// <summary>
/// One NGO login per bench organization, for the HTTP bench's logged-in sessions. The password is hashed
/// once and the hash shared: thousands of PBKDF2 hashes would dominate the set-up, not what is measured.
/// </summary>
internal static class BenchLogins
{
    public static async Task CreateAsync(BenchSilo silo, IReadOnlyList<string> usccs, string password)
    {
        await using var db = await silo.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.Ngo);
        if (role is null)
        {
            role = new IdentityRole(Roles.Ngo) { NormalizedName = Roles.Ngo.ToUpperInvariant() };
            db.Roles.Add(role);
        }
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), password);
        foreach (var uscc in usccs)
        {
            var name = "ngo" + uscc[^8..].ToLowerInvariant();
            var user = new ApplicationUser
            {
                UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = "社工服务中心" + uscc[^5..],
                OrganizationUscc = uscc, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        }
        await db.SaveChangesAsync();
    }
}
