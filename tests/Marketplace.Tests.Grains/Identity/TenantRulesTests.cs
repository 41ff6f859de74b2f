using System.Security.Claims;
using Marketplace.Web.Infrastructure.Identity;

namespace Marketplace.Tests.Grains.Identity;

public sealed class TenantRulesTests
{
    private static ClaimsPrincipal User(string role, long? district, long? street)
    {
        var claims = new List<Claim> { new(ClaimTypes.Role, role) };
        if (district is { } d)
        {
            claims.Add(new(TenantClaims.DistrictId, d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (street is { } s)
        {
            claims.Add(new(TenantClaims.StreetId, s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    [Fact]
    public void Street_official_edits_only_its_own_street()
    {
        var dongshan = User(Roles.StreetOfficial, 2, 13);
        Assert.True(TenantRules.CanEditStreet(dongshan, 13));
        Assert.False(TenantRules.CanEditStreet(dongshan, 14));
        Assert.False(TenantRules.CanReadStreet(dongshan, 14, 2));
    }

    [Fact]
    public void District_admin_reads_but_does_not_edit_its_streets()
    {
        var admin = User(Roles.DistrictAdmin, 2, null);
        Assert.True(TenantRules.CanReadStreet(admin, 13, 2));
        Assert.False(TenantRules.CanEditStreet(admin, 13));
        Assert.False(TenantRules.CanReadStreet(admin, 1, 1));
        Assert.True(TenantRules.CanManageDistrict(admin, 2));
        Assert.False(TenantRules.CanManageDistrict(admin, 1));
    }

    [Fact]
    public void Street_claim_without_the_role_grants_nothing()
    {
        var ngo = User(Roles.Ngo, 2, 13);
        Assert.False(TenantRules.CanEditStreet(ngo, 13));
        Assert.False(TenantRules.CanManageDistrict(ngo, 2));
    }
}
