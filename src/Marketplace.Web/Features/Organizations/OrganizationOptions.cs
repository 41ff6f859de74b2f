namespace Marketplace.Web.Features.Organizations;

/// <summary>Configuration section "Organizations".</summary>
public sealed class OrganizationOptions
{
    /// <summary>Largest accepted upload, in bytes (issue: default 10 MB).</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest directory import, in data rows: bounds the work one request can cause.</summary>
    public int MaxImportRows { get; set; } = 5_000;

    /// <summary>
    /// Hours a self-registration stays 待确认 before it is removed (issue 16 item 1): long enough for a code sent in
    /// the evening to be typed next morning, short enough that a name or code taken by a stranger is soon free again.
    /// </summary>
    public int UnconfirmedRegistrationHours { get; set; } = 24;
}
