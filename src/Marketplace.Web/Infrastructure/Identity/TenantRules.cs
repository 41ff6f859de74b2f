using System.Security.Claims;

namespace Marketplace.Web.Infrastructure.Identity;

/// <summary>
/// Who may see and change a street's own data. A street official works only on its own street; a
/// district admin may read (not edit) the streets of its district. Anything else is refused, and pages
/// answer 404 so that another tenant's records do not even reveal that they exist.
/// </summary>
public static class TenantRules
{
    public static bool CanEditStreet(ClaimsPrincipal user, long streetId) =>
        user.IsInRole(Roles.StreetOfficial) && user.StreetOf() == streetId;

    public static bool CanReadStreet(ClaimsPrincipal user, long streetId, long streetDistrictId) =>
        CanEditStreet(user, streetId) ||
        (user.IsInRole(Roles.DistrictAdmin) && user.DistrictOf() == streetDistrictId);

    public static bool CanManageDistrict(ClaimsPrincipal user, long districtId) =>
        user.IsInRole(Roles.DistrictAdmin) && user.DistrictOf() == districtId;
}
