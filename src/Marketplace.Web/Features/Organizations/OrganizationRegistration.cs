using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// NGO self-registration: a sign-in account and the organization, together or not at all. The account
/// is created first and deleted again if the organization is refused (e.g. someone registered the same
/// code a moment earlier), so a failed registration leaves nothing behind.
/// </summary>
public sealed class OrganizationRegistration(UserManager<ApplicationUser> users, IGrainFactory grains)
{
    public sealed record Account(string UserName, string Password, string DisplayName);

    public async Task<Outcome<ApplicationUser>> RegisterAsync(string usccInput, OrganizationProfile profile, Account account)
    {
        var uscc = Uscc.Normalise(usccInput);
        if (Uscc.Validate(uscc, profile.Type) is { } usccError)
        {
            return Outcome<ApplicationUser>.Fail("Uscc", usccError);
        }
        var grain = grains.GetGrain<IOrganizationGrain>(uscc);
        if (await grain.GetAsync() is not null)
        {
            return Outcome<ApplicationUser>.Fail("Uscc", "该统一社会信用代码已登记，不能重复注册");
        }
        var user = new ApplicationUser
        {
            UserName = account.UserName.Trim(), DisplayName = account.DisplayName.Trim(), OrganizationUscc = uscc,
        };
        var created = await users.CreateAsync(user, account.Password);
        if (!created.Succeeded)
        {
            return Outcome<ApplicationUser>.Fail([.. created.Errors.Select(e =>
                new FieldError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "UserName", e.Description))]);
        }
        try
        {
            var role = await users.AddToRoleAsync(user, Roles.Ngo);
            if (!role.Succeeded)
            {
                await users.DeleteAsync(user);
                return Outcome<ApplicationUser>.Fail("", "账号创建失败，请稍后重试");
            }
            var registered = await grain.RegisterAsync(profile, user.UserName);
            if (!registered.Succeeded)
            {
                await users.DeleteAsync(user);
                return Outcome<ApplicationUser>.Fail(registered.Errors);
            }
        }
        catch
        {
            await users.DeleteAsync(user);
            throw;
        }
        return Outcome<ApplicationUser>.Ok(user);
    }
}
