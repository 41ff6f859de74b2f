using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Tendering;

/// <summary>
/// Whether an organization may apply to (and be awarded) a purchase: 已入库, no active negative entry,
/// a matching provider type, enough certified social workers (SPEC §3.2). The organization directory
/// answers this (Web: DirectoryEligibility).
/// </summary>
public interface ITenderApplicantEligibility
{
    /// <summary>Null when eligible, otherwise the reason in Chinese.</summary>
    Task<string?> IneligibleReasonAsync(long districtId, string uscc, EligibilityRequirements requirements, CancellationToken ct = default);

    /// <summary>
    /// The same answer, possibly a few seconds old: for submissions during a deadline rush, so thousands of
    /// them a second do not each query the directory. Closing and the award use the fresh check, so an
    /// organization suspended in between is still caught (87号令 Art.63).
    /// </summary>
    Task<string?> RecentIneligibleReasonAsync(long districtId, string uscc, EligibilityRequirements requirements, CancellationToken ct = default) =>
        IneligibleReasonAsync(districtId, uscc, requirements, ct);
}

/// <summary>Timed work of a tender: closing at the deadline and ending 公示. Scheduling again moves the time.</summary>
public interface ITenderTimers
{
    public const string CloseKind = "tender.close";
    public const string PublicityEndKind = "tender.publicity-end";

    Task ScheduleAsync(string kind, Guid tenderId, DateTimeOffset dueAt);
}
