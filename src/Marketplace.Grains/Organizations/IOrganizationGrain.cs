using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Tendering;

namespace Marketplace.Organizations;

/// <summary>
/// One organization: its profile, its place in the district directory (申请中 → 已入库 / 退回; 暂停; 移出)
/// with the history of every change, its negative-information entries, incubation records and uploaded
/// documents. Key: the normalised 统一社会信用代码 (upper case, 18 characters), so one code can never be
/// registered twice.
/// </summary>
[Alias("marketplace.IOrganizationGrain")]
public interface IOrganizationGrain : IGrainWithStringKey
{
    /// <summary>The organization, or null when no one has registered this code.</summary>
    [Alias("Get")] Task<OrganizationState?> GetAsync();

    /// <summary>Registration on the applicant's behalf (demo data): straight into the directory queue as 申请中.</summary>
    [Alias("Register")] Task<Outcome<OrganizationState>> RegisterAsync(OrganizationProfile profile, string user);

    /// <summary>
    /// Self-registration through the public form: 待确认 until the contact mobile (which must be a mobile number) is
    /// proven by the code this returns (to be sent by the caller); removed at <paramref name="expiresAt"/> if never
    /// confirmed (timed work <see cref="IOrganizationTimers.RegistrationExpiryKind"/>).
    /// </summary>
    [Alias("RegisterPending")] Task<Outcome<IssuedCode>> RegisterPendingAsync(OrganizationProfile profile, string account, DateTimeOffset expiresAt);

    /// <summary>A new code for a 待确认 registration: at most one a minute and <see cref="RegistrationConfirmation.MaxCodes"/> in all.</summary>
    [Alias("IssueConfirmationCode")] Task<Outcome<IssuedCode>> IssueConfirmationCodeAsync();

    /// <summary>
    /// The applicant's code: 待确认 → 申请中 (the review queue). A wrong code is counted (the fifth voids it). Asked
    /// again by the same account once confirmed, it succeeds again, so a confirmation whose account change failed
    /// can be finished.
    /// </summary>
    [Alias("ConfirmRegistration")] Task<Outcome> ConfirmRegistrationAsync(string code, string account);

    /// <summary>Timed work: a registration still 待确认 at its expiry is removed (its code free again). Early or repeated runs do nothing.</summary>
    [Alias("ExpireRegistration")] Task<Outcome> ExpireRegistrationAsync();

    /// <summary>Directory import by the district admin: registered straight as 已入库, marked with the import.</summary>
    [Alias("Import")] Task<Outcome<OrganizationState>> ImportAsync(OrganizationProfile profile, Guid importId, string user);

    /// <summary>Undoes <see cref="ImportAsync"/> when the rest of its import failed (nothing half-imported).</summary>
    [Alias("DiscardImport")] Task<Outcome> DiscardImportAsync(Guid importId);

    [Alias("UpdateProfile")] Task<Outcome<OrganizationState>> UpdateProfileAsync(int expectedVersion, OrganizationProfile profile, string user);

    /// <summary>Moves the directory status (admit, return, suspend, remove, resubmit); a reason is required except to admit.</summary>
    [Alias("ChangeStatus")] Task<Outcome<OrganizationState>> ChangeStatusAsync(DirectoryStatus to, string? reason, string user);

    [Alias("AddNegativeEntry")] Task<Outcome<NegativeEntry>> AddNegativeEntryAsync(NegativeEntryDraft draft, string user);

    [Alias("RevokeNegativeEntry")] Task<Outcome> RevokeNegativeEntryAsync(Guid entryId, string reason, string user);

    [Alias("AddIncubation")] Task<Outcome<IncubationRecord>> AddIncubationRecordAsync(long baseId, DateOnly startsOn, DateOnly? endsOn, string mentor, DateOnly? graduatedOn, string user);

    [Alias("AddDocument")] Task<Outcome> AddDocumentAsync(OrganizationDocument document);

    [Alias("RemoveDocument")] Task<Outcome<OrganizationDocument>> RemoveDocumentAsync(Guid documentId);

    /// <summary>See <see cref="IOrganizationEligibility"/>.</summary>
    [Alias("CheckEligibility")] Task<Outcome> CheckEligibilityAsync(ImmutableArray<ProviderType> providerTypes, int minCertifiedSocialWorkers, DateTimeOffset at);

    /// <summary>Null when the organization may apply to a purchase of the district, otherwise why not (SPEC §3.2).</summary>
    [Alias("ApplicantIneligibleReason")] Task<string?> ApplicantIneligibleReasonAsync(long districtId, EligibilityRequirements requirements, DateTimeOffset at);

    /// <summary>
    /// The same answer with the name the directory records, in one call: what a tender needs of an applicant
    /// (a deadline rush asked twice before, the name for the page and the reason for the grain; issue 15).
    /// </summary>
    [Alias("Applicant")] Task<ApplicantCheck> ApplicantAsync(long districtId, EligibilityRequirements requirements, DateTimeOffset at);
}

/// <summary>An applicant as a tender sees it: its directory name (empty when unregistered) and null when eligible, otherwise why not.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ApplicantCheck")]
public sealed record ApplicantCheck([property: Id(0)] string Name, [property: Id(1)] string? IneligibleReason);
