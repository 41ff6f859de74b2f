namespace Marketplace.Web.Features.Organizations;

/// <summary>Configuration section "Organizations".</summary>
public sealed class OrganizationOptions
{
    /// <summary>Largest accepted upload, in bytes (issue: default 10 MB).</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest directory import, in data rows: bounds the work one request can cause.</summary>
    public int MaxImportRows { get; set; } = 5_000;
}
