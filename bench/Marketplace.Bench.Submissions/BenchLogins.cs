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
        await AddAsync(db, Roles.Ngo, password, usccs.Select(uscc => new ApplicationUser
        {
            UserName = "ngo" + uscc[^8..].ToLowerInvariant(), DisplayName = "社工服务中心" + uscc[^5..], OrganizationUscc = uscc,
        }));
    }

    /// <summary>Adds the accounts in one role with one shared hash of <paramref name="password"/>, in one save.</summary>
    public static async Task AddAsync(AppDbContext db, string roleName, string password, IEnumerable<ApplicationUser> users)
    {
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == roleName);
        if (role is null)
        {
            role = new IdentityRole(roleName) { NormalizedName = roleName.ToUpperInvariant() };
            db.Roles.Add(role);
        }
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), password);
        foreach (var user in users)
        {
            user.NormalizedUserName = user.UserName!.ToUpperInvariant();
            user.PasswordHash = hash;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        }
        await db.SaveChangesAsync();
    }
}
