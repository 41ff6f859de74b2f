using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Persistence;

namespace Marketplace.Rounds;

/// <summary>
/// Proposals, sealed until the deadline like tender applications (docs/decisions/0007): they live only in
/// this state; before the deadline the organizer sees neither a proposal nor how many there are.
/// </summary>
public sealed partial class VentureRoundGrain
{
    public async Task<Outcome<Guid>> ApplyAsync(string uscc, string organizationName, RoundProposal proposal, string user)
    {
        if (WindowClosed() is { } closed)
        {
            return Outcome<Guid>.Fail("", closed);
        }
        var key = Uscc.Normalise(uscc);
        var proposalToCheck = S.Organizer.StreetId is { } street ? proposal with { StreetId = street } : proposal;
        var errors = RoundRules.ValidateProposal(Settings, proposalToCheck, S.Applications.Count(a => a.Uscc == key));
        if (!errors.IsEmpty)
        {
            return Outcome<Guid>.Fail(errors);
        }
        var eligibility = await GrainFactory.GetGrain<IOrganizationGrain>(key).ApplicantIneligibleReasonAsync(S.Organizer.DistrictId,
            new Tendering.EligibilityRequirements([], 0, DirectoryMembershipRequired: true), Now);
        if (eligibility is not null)
        {
            return Outcome<Guid>.Fail("", eligibility);
        }
        // Server time again after the look-up: the deadline may have passed meanwhile.
        if (WindowClosed() is { } late)
        {
            return Outcome<Guid>.Fail("", late);
        }
        var application = new RoundApplication(Guid.CreateVersion7(Now), key, organizationName.Trim(),
            proposalToCheck with { Title = proposal.Title.Trim() }, Now, user, null);
        await state.CommitAsync(S with { Applications = S.Applications.Add(application) });
        return Outcome<Guid>.Ok(application.Id);
    }

    public Task<ImmutableArray<RoundApplication>> GetOwnApplicationsAsync(string uscc)
    {
        var key = Uscc.Normalise(uscc);
        return Task.FromResult(S.Created ? S.Applications.Where(a => a.Uscc == key).ToImmutableArray() : []);
    }

    public Task<RoundApplicantView> GetApplicantViewAsync(string uscc)
    {
        var key = Uscc.Normalise(uscc);
        var own = S.Created ? S.Applications.Where(a => a.Uscc == key).ToImmutableArray() : [];
        var ids = own.Select(a => a.Id).ToHashSet();
        return Task.FromResult(new RoundApplicantView(own, S.Adjustments.Where(x => ids.Contains(x.Key)).ToImmutableDictionary(),
            [.. S.Objections.Where(o => o.Uscc == key)]));
    }

    public Task<Outcome<RoundOrganizerView>> GetOrganizerViewAsync(RoundOrganizer organizer)
    {
        if (!IsOrganizer(organizer))
        {
            return Task.FromResult(Outcome<RoundOrganizerView>.Fail("", Missing));
        }
        var view = new RoundOrganizerView(Info(), Sealed ? [] : S.Applications, S.Panel,
            S.Status is RoundStatus.Selection or RoundStatus.Publicity ? Selection() : S.Final, S.Objections, S.Contracts, S.Unsigned);
        return Task.FromResult(Outcome<RoundOrganizerView>.Ok(view));
    }

    public async Task<Outcome> ScreenAsync(RoundOrganizer organizer, Guid applicationId, bool passed, string reason, string user)
    {
        if (!IsOrganizer(organizer))
        {
            return Outcome.Fail("", Missing);
        }
        if (Status is not (RoundStatus.Closed or RoundStatus.Screening))
        {
            return Outcome.Fail("", Sealed ? "申报截止后才能初审" : "初审已结束");
        }
        var index = S.Applications.FindIndex(a => a.Id == applicationId);
        if (index < 0)
        {
            return Outcome.Fail("", "申报项目不存在");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 2)
        {
            return Outcome.Fail("Reason", passed ? "请填写初审意见" : "请填写不通过初审的理由");
        }
        var decision = new ScreeningDecision(passed, reason.Trim(), user, Now);
        var next = S with
        {
            Applications = S.Applications.SetItem(index, S.Applications[index] with { Screening = decision }),
            Status = RoundStatus.Screening, Version = S.Version + 1,
        };
        await CommitAsync(passed ? next : NotifyScreenedOut(next, applicationId, reason.Trim()));
        return Outcome.Ok;
    }

    private string? WindowClosed()
    {
        if (!S.Created || S.Status == RoundStatus.Draft)
        {
            return Missing;
        }
        if (Status != RoundStatus.Open)
        {
            return "申报已截止";
        }
        return Now < Settings.OpensAt ? "申报尚未开始" : null;
    }
}

internal static class ImmutableArrayIndex
{
    public static int FindIndex<T>(this ImmutableArray<T> items, Func<T, bool> match)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (match(items[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
