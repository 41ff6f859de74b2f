using System.Security.Claims;

namespace Marketplace.Web.Infrastructure.Identity;

/// <summary>Claim types that bind a signed-in user to its tenant, and how to read them.</summary>
public static class TenantClaims
{
    public const string DistrictId = "marketplace:district";
    public const string StreetId = "marketplace:street";
    public const string OrganizationUscc = "marketplace:org";
    public const string DisplayName = "marketplace:name";

    public static long? DistrictOf(this ClaimsPrincipal user) => Long(user, DistrictId);

    public static long? StreetOf(this ClaimsPrincipal user) => Long(user, StreetId);

    public static string? OrganizationOf(this ClaimsPrincipal user) => user.FindFirstValue(OrganizationUscc);

    public static string NameOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? string.Empty;

    private static long? Long(ClaimsPrincipal user, string type) =>
        long.TryParse(user.FindFirstValue(type), out var v) ? v : null;
}
