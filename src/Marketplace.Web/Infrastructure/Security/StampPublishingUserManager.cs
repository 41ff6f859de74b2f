using Marketplace.Accounts;
using Marketplace.Web.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Orleans;

namespace Marketplace.Web.Infrastructure.Security;

/// <summary>
/// Identity's user manager, telling the account's <see cref="ISessionStampGrain"/> of every stored change
/// (退出 renews the stamp, 修改密码 and password resets too), so the session check, which no longer reads
/// the database, ends the old cookies on every silo at once. The grain is told after the write succeeded.
/// </summary>
public sealed class StampPublishingUserManager(
    IUserStore<ApplicationUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<ApplicationUser> passwordHasher,
    IEnumerable<IUserValidator<ApplicationUser>> userValidators,
    IEnumerable<IPasswordValidator<ApplicationUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<ApplicationUser>> logger,
    IGrainFactory grains)
    : UserManager<ApplicationUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators,
        keyNormalizer, errors, services, logger)
{
    protected override async Task<IdentityResult> UpdateUserAsync(ApplicationUser user)
    {
        var result = await base.UpdateUserAsync(user);
        if (result.Succeeded)
        {
            await grains.GetGrain<ISessionStampGrain>(user.Id).RenewedAsync(user.SecurityStamp);
        }
        return result;
    }

    public override async Task<IdentityResult> DeleteAsync(ApplicationUser user)
    {
        var result = await base.DeleteAsync(user);
        if (result.Succeeded)
        {
            await grains.GetGrain<ISessionStampGrain>(user.Id).RenewedAsync(null);
        }
        return result;
    }
}
