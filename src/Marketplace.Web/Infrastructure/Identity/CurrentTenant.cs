using System.Security.Claims;
using Marketplace.Catalog;
using Marketplace.Organizations;

namespace Marketplace.Web.Infrastructure.Identity;

/// <summary>
/// The signed-in user's tenant, resolved once per request from the sign-in claims: the street of a street
/// official, the district of a district admin, the organization of an NGO account, and the grains that are
/// the user's own. Pages take the tenant from here, never from the request and never from claims directly.
/// Another tenant's record is answered as not found (404), so its existence is not revealed.
/// </summary>
public sealed class CurrentTenant(IHttpContextAccessor http, IGrainFactory grains)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    /// <summary>The account's user name (login).</summary>
    public string UserName => User.Identity?.Name ?? string.Empty;

    /// <summary>The name shown for the user (display name claim, else the user name), recorded as "who" on tender actions.</summary>
    public string DisplayName => User.NameOf();

    /// <summary>The street a street official works for; null for every other role.</summary>
    public long? StreetId => User.IsInRole(Roles.StreetOfficial) ? User.StreetOf() : null;

    /// <summary>The street a 网格员 works in; null for every other role.</summary>
    public long? GridStreetId => User.IsInRole(Roles.GridWorker) ? User.StreetOf() : null;

    /// <summary>The district of the user's account (district admins; street officials carry it too).</summary>
    public long? DistrictId => User.DistrictOf();

    /// <summary>The 统一社会信用代码 of an NGO account's organization.</summary>
    public string? Uscc => User.IsInRole(Roles.Ngo) ? User.OrganizationOf() : null;

    /// <summary>The user's own street catalog grain, or null when the user is no street official.</summary>
    public IStreetCatalogGrain? StreetCatalog => StreetId is { } s ? grains.GetGrain<IStreetCatalogGrain>(s) : null;

    /// <summary>The user's own organization grain, or null when the user is no NGO account.</summary>
    public IOrganizationGrain? Organization => Uscc is { } u ? grains.GetGrain<IOrganizationGrain>(u) : null;

    /// <summary>The one not-found rule: a record of the user's own street, else 404.</summary>
    public bool OwnsStreet(long streetId) => TenantRules.CanEditStreet(User, streetId);

    /// <summary>A street's record a district admin of its district, or its own street official, may read.</summary>
    public bool CanReadStreet(long streetId, long streetDistrictId) => TenantRules.CanReadStreet(User, streetId, streetDistrictId);

    public bool ManagesDistrict(long districtId) => TenantRules.CanManageDistrict(User, districtId);
}
