using System.Globalization;
using System.Security.Claims;
using Marketplace.Web.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure.Identity;

/// <summary>Puts the user's district, street and organization into the sign-in cookie.</summary>
public sealed class TenantClaimsPrincipalFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(TenantClaims.DisplayName, user.DisplayName));
        if (user.DistrictId is { } d)
        {
            identity.AddClaim(new Claim(TenantClaims.DistrictId, d.ToString(CultureInfo.InvariantCulture)));
        }
        if (user.StreetId is { } s)
        {
            identity.AddClaim(new Claim(TenantClaims.StreetId, s.ToString(CultureInfo.InvariantCulture)));
        }
        if (user.OrganizationUscc is { } o)
        {
            identity.AddClaim(new Claim(TenantClaims.OrganizationUscc, o));
        }
        return identity;
    }
}
