using Marketplace.Domain;
using Marketplace.Organizations;

namespace Marketplace.Web.Data.Entities;

/// <summary>
/// Read model of an organization for the directory pages, search and public API, written by the grain
/// storage in the same transaction as the organization grain's state. Only the grain changes it.
/// </summary>
public sealed class OrganizationRow
{
    public required string Uscc { get; set; }
    public required string Name { get; set; }
    public ProviderType Type { get; set; }
    public required string RegistrationAuthority { get; set; }
    public DateOnly RegisteredOn { get; set; }
    public required string LegalRepresentative { get; set; }
    public required string ContactPerson { get; set; }
    public required string ContactPhone { get; set; }
    public required string Address { get; set; }
    public long DistrictId { get; set; }
    public long? StreetId { get; set; }
    /// <summary>Service area codes wrapped in commas (",elderly,family,") so one LIKE finds an area on every provider.</summary>
    public required string ServiceAreas { get; set; }
    public int StaffCount { get; set; }
    public int AssistantSocialWorkers { get; set; }   // 助理社会工作师
    public int SocialWorkers { get; set; }            // 社会工作师
    public int SeniorSocialWorkers { get; set; }      // 高级社会工作师
    public int CertifiedSocialWorkers { get; set; }   // 持证社工 total
    public long? IncubationBaseId { get; set; }
    public bool Incubated { get; set; }
    public required string PastProjects { get; set; }
    public DirectoryStatus Status { get; set; }
    public required string StatusReason { get; set; }
    public DateTimeOffset StatusChangedAt { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public IEnumerable<string> ServiceAreaCodes => ServiceAreas.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One line of an organization's directory history (who, when, why).</summary>
public sealed class OrganizationStatusChangeRow
{
    public long Id { get; set; }
    public required string Uscc { get; set; }
    public int Sequence { get; set; }
    public DirectoryStatus? From { get; set; }
    public DirectoryStatus To { get; set; }
    public required string Reason { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A negative-information list entry (负面信息清单).</summary>
public sealed class NegativeEntryRow
{
    public Guid Id { get; set; }
    public required string Uscc { get; set; }
    public long DistrictId { get; set; }
    public NegativeSource Source { get; set; }
    public required string Reason { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public bool Published { get; set; }
    public string? SourceReference { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public string? RevokeReason { get; set; }
}

/// <summary>An uploaded qualification document's metadata; the bytes are in the data directory.</summary>
public sealed class OrganizationDocumentRow
{
    public Guid Id { get; set; }
    public required string Uscc { get; set; }
    public long DistrictId { get; set; }
    public DocumentKind Kind { get; set; }
    public required string OriginalName { get; set; }
    public required string StoredName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>An organization's stay in an incubation base.</summary>
public sealed class IncubationRecordRow
{
    public Guid Id { get; set; }
    public required string Uscc { get; set; }
    public long BaseId { get; set; }
    public required string BaseName { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public required string Mentor { get; set; }
    public DateOnly? GraduatedOn { get; set; }
}
