using System.Collections.Concurrent;
using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Tendering;

/// <summary>
/// Applicants are checked against the district's directory of capable organizations (SPEC §3.2): the
/// organization must be in this district's directory, 已入库, free of active negative entries, of an
/// allowed type and with enough certified social workers. The organization's grain answers the last four.
/// </summary>
public sealed class DirectoryEligibility(
    IOrganizationEligibility directory, IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock) : ITenderApplicantEligibility
{
    /// <summary>How long a submission may rely on an earlier answer (ADR 0007).</summary>
    public static readonly TimeSpan RecentEnough = TimeSpan.FromSeconds(10);

    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<string, (string? Reason, DateTimeOffset CheckedAt)> _recent = new();

    public async Task<string?> RecentIneligibleReasonAsync(long districtId, string uscc, EligibilityRequirements requirements, CancellationToken ct = default)
    {
        var key = $"{districtId}|{uscc}|{string.Join(",", requirements.ProviderTypes)}|{requirements.MinimumCertifiedSocialWorkers}|{requirements.DirectoryMembershipRequired}";
        var now = clock.GetUtcNow();
        if (_recent.TryGetValue(key, out var known) && now - known.CheckedAt < RecentEnough)
        {
            return known.Reason;
        }
        var reason = await IneligibleReasonAsync(districtId, uscc, requirements, ct);
        if (_recent.Count >= MaxRemembered)
        {
            _recent.Clear(); // answers are only seconds old anyway: forgetting them all costs one look-up each
        }
        _recent[key] = (reason, now);
        return reason;
    }

    public async Task<string?> IneligibleReasonAsync(long districtId, string uscc, EligibilityRequirements requirements, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var orgDistrict = await db.Organizations.Where(o => o.Uscc == uscc).Select(o => (long?)o.DistrictId).SingleOrDefaultAsync(ct);
            if (orgDistrict is null)
            {
                return "该组织尚未登记进入社会组织目录，不能申请";
            }
            if (requirements.DirectoryMembershipRequired && orgDistrict != districtId)
            {
                return "该组织不在本区有承接能力的社会组织目录中";
            }
        }
        var outcome = await directory.CheckAsync(uscc, requirements.ProviderTypes, requirements.MinimumCertifiedSocialWorkers, clock.GetUtcNow());
        return outcome.Succeeded ? null : string.Join("；", outcome.Errors.Select(e => e.Message));
    }
}
