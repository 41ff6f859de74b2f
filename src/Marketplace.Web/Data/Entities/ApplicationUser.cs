using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Data.Entities;

/// <summary>A person who signs in, bound to the tenant its role works for.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;
    public long? DistrictId { get; set; }
    public long? StreetId { get; set; }
    /// <summary>统一社会信用代码 of the organization an NGO member acts for.</summary>
    public string? OrganizationUscc { get; set; }
}
