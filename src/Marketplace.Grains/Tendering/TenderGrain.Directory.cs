using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Organizations;

namespace Marketplace.Tendering;

/// <summary>What the tender asks other grains: the applicant's organization and the buying street's budget.</summary>
public sealed partial class TenderGrain
{
    /// <summary>How long a submission may rely on an earlier answer of the organization (docs/decisions/0007).</summary>
    public static readonly TimeSpan RecentEnough = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, (ApplicantCheck Answer, DateTimeOffset CheckedAt)> _recentApplicants = [];
    private EligibilityRequirements? _recentFor;

    /// <summary>SPEC §3.2, asked of the organization's grain: its directory name, and null when eligible, otherwise why not.</summary>
    private Task<ApplicantCheck> ApplicantAsync(string uscc, EligibilityRequirements requirements) =>
        GrainFactory.GetGrain<IOrganizationGrain>(Uscc.Normalise(uscc)).ApplicantAsync(S.DistrictId, requirements, Now);

    private async Task<string?> IneligibleReasonAsync(string uscc, EligibilityRequirements requirements) =>
        (await ApplicantAsync(uscc, requirements)).IneligibleReason;

    /// <summary>
    /// The same answer, possibly a few seconds old: during a deadline rush thousands of submissions a second
    /// do not each ask the organization. Closing and the award use the fresh answer, so an organization
    /// suspended in between is still caught (87号令 Art.63); a name changed in between is recorded from the
    /// next submission on.
    /// </summary>
    private async Task<ApplicantCheck> RecentApplicantAsync(string uscc, EligibilityRequirements requirements)
    {
        if (!ReferenceEquals(_recentFor, requirements))
        {
            _recentApplicants.Clear(); // the notice's requirements changed: earlier answers no longer apply
            _recentFor = requirements;
        }
        if (_recentApplicants.TryGetValue(uscc, out var known) && Now - known.CheckedAt < RecentEnough)
        {
            return known.Answer;
        }
        var answer = await ApplicantAsync(uscc, requirements);
        _recentApplicants[uscc] = (answer, Now);
        return answer;
    }
}
