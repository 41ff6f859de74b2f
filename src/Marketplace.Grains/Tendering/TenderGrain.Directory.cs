using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Organizations;

namespace Marketplace.Tendering;

/// <summary>What the tender asks other grains: the applicant's organization and the buying street's budget.</summary>
public sealed partial class TenderGrain
{
    /// <summary>How long a submission may rely on an earlier eligibility answer (docs/decisions/0007).</summary>
    public static readonly TimeSpan RecentEnough = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, (string? Reason, DateTimeOffset CheckedAt)> _recentEligibility = [];
    private EligibilityRequirements? _recentFor;

    /// <summary>SPEC §3.2, asked of the organization's grain: null when eligible, otherwise why not.</summary>
    private Task<string?> IneligibleReasonAsync(string uscc, EligibilityRequirements requirements) =>
        GrainFactory.GetGrain<IOrganizationGrain>(Uscc.Normalise(uscc)).ApplicantIneligibleReasonAsync(S.DistrictId, requirements, Now);

    /// <summary>
    /// The same answer, possibly a few seconds old: during a deadline rush thousands of submissions a second
    /// do not each ask the organization. Closing and the award use the fresh answer, so an organization
    /// suspended in between is still caught (87号令 Art.63).
    /// </summary>
    private async Task<string?> RecentIneligibleReasonAsync(string uscc, EligibilityRequirements requirements)
    {
        if (!ReferenceEquals(_recentFor, requirements))
        {
            _recentEligibility.Clear(); // the notice's requirements changed: earlier answers no longer apply
            _recentFor = requirements;
        }
        if (_recentEligibility.TryGetValue(uscc, out var known) && Now - known.CheckedAt < RecentEnough)
        {
            return known.Reason;
        }
        var reason = await IneligibleReasonAsync(uscc, requirements);
        _recentEligibility[uscc] = (reason, Now);
        return reason;
    }
}
