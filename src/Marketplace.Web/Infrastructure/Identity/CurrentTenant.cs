using System.Security.Claims;
using Marketplace.Catalog;
using Marketplace.Organizations;

namespace Marketplace.Web.Infrastructure.Identity;

/// <summary>
/// The signed-in user's tenant, resolved from the sign-in claims: the street of a street official, the
/// district of a district admin, the organization of an NGO account, and the grains that are the user's own.
/// Pages take the tenant from here, never from the request and never from claims directly (a source scan,
/// <c>TenantClaimsReadOnlyHereTests</c>, fails the build of any other file that reads a claim).
/// Another tenant's record is answered as not found (404), so its existence is not revealed.
/// </summary>
public sealed class CurrentTenant
{
    private readonly Func<ClaimsPrincipal> _user;
    private readonly IGrainFactory? _grains;

    /// <summary>The request's tenant (scoped service): the signed-in user of the current HTTP request.</summary>
    public CurrentTenant(IHttpContextAccessor http, IGrainFactory grains)
        : this(() => http.HttpContext?.User ?? Anonymous, grains)
    {
    }

    private CurrentTenant(Func<ClaimsPrincipal> user, IGrainFactory? grains)
    {
        _user = user;
        _grains = grains;
    }

    private static readonly ClaimsPrincipal Anonymous = new();

    /// <summary>
    /// The tenant of a given principal, for code that runs where the request's services are not at hand
    /// (middleware building the audit actor, the rate limiter, a view component's principal). It hands out
    /// no grains.
    /// </summary>
    public static CurrentTenant Of(ClaimsPrincipal? principal) => new(() => principal ?? Anonymous, null);

    private ClaimsPrincipal User => _user();

    private IGrainFactory Grains => _grains ?? throw new InvalidOperationException("A tenant built from a principal hands out no grains.");

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    /// <summary>The account's id (the Identity user id), whose own records (read marks, report runs) are keyed by it.</summary>
    public string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The account's user name (login).</summary>
    public string UserName => User.Identity?.Name ?? string.Empty;

    /// <summary>The name shown for the user (display name claim, else the user name), recorded as "who" on tender and contract actions.</summary>
    public string DisplayName => User.NameOf();

    /// <summary>The account's role (the first of <see cref="Roles.All"/> it holds), empty when it holds none.</summary>
    public string Role => Roles.All.FirstOrDefault(User.IsInRole) ?? string.Empty;

    public bool IsInRole(string role) => User.IsInRole(role);

    /// <summary>The street a street official works for; null for every other role.</summary>
    public long? StreetId => User.IsInRole(Roles.StreetOfficial) ? User.StreetOf() : null;

    /// <summary>The street a 网格员 works in; null for every other role.</summary>
    public long? GridStreetId => User.IsInRole(Roles.GridWorker) ? User.StreetOf() : null;

    /// <summary>The district of the user's account (district admins; street officials carry it too).</summary>
    public long? DistrictId => User.DistrictOf();

    /// <summary>The 统一社会信用代码 of an NGO account's organization.</summary>
    public string? Uscc => User.IsInRole(Roles.Ngo) ? User.OrganizationOf() : null;

    /// <summary>
    /// The 统一社会信用代码 of a self-registration whose account is not confirmed yet (待确认: an organization's account
    /// holding no role); null for every other account.
    /// </summary>
    public string? UnconfirmedUscc => SignedIn && !Roles.All.Any(User.IsInRole) ? User.OrganizationOf() : null;

    /// <summary>Whether the account is a registration waiting for its code: it may open the confirm page only.</summary>
    public bool AwaitsConfirmation => UnconfirmedUscc is not null;

    /// <summary>The organization grain of the account's own 待确认 registration, or null.</summary>
    public IOrganizationGrain? UnconfirmedOrganization => UnconfirmedUscc is { } u ? Grains.GetGrain<IOrganizationGrain>(u) : null;

    /// <summary>The user's own street catalog grain, or null when the user is no street official.</summary>
    public IStreetCatalogGrain? StreetCatalog => StreetId is { } s ? Grains.GetGrain<IStreetCatalogGrain>(s) : null;

    /// <summary>The user's own organization grain, or null when the user is no NGO account.</summary>
    public IOrganizationGrain? Organization => Uscc is { } u ? Grains.GetGrain<IOrganizationGrain>(u) : null;

    /// <summary>The one not-found rule: a record of the user's own street, else 404.</summary>
    public bool OwnsStreet(long streetId) => TenantRules.CanEditStreet(User, streetId);

    /// <summary>A record of the user's own organization (an NGO account), else 404.</summary>
    public bool OwnsOrganization(string uscc) => Uscc is { } mine && mine == uscc;

    /// <summary>A street's record a district admin of its district, or its own street official, may read.</summary>
    public bool CanReadStreet(long streetId, long streetDistrictId) => TenantRules.CanReadStreet(User, streetId, streetDistrictId);

    public bool ManagesDistrict(long districtId) => TenantRules.CanManageDistrict(User, districtId);
}
