using Marketplace.Web.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Infrastructure.Seeding;

/// <summary>
/// Creates the seeded accounts with the public demo password hashed once. Identity's hash (PBKDF2, 100,000
/// rounds) costs tens of milliseconds of CPU each, and with two dozen accounts that was the second-largest
/// step of a fresh start-up (issue 15). Every account still signs in with the same password through the
/// normal check; they share one salt, which reveals nothing: the password is printed at start-up anyway.
/// </summary>
internal sealed class DemoPassword(IPasswordHasher<ApplicationUser> hasher, string password)
{
    private string? hash;

    public Task<IdentityResult> CreateUserAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        user.PasswordHash = hash ??= hasher.HashPassword(user, password);
        return users.CreateAsync(user);
    }
}
