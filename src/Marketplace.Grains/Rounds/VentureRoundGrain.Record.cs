using System.Collections.Immutable;
using Marketplace.Calendar;
using Marketplace.Domain;
using Marketplace.Organizations;

namespace Marketplace.Rounds;

/// <summary>One application of a round held on paper: the proposal, its 初审 and, when screened in, the panel's total.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.RecordedRoundApplication")]
public sealed record RecordedRoundApplication(
    [property: Id(0)] string Uscc,
    [property: Id(1)] RoundProposal Proposal,
    [property: Id(2)] DateTimeOffset SubmittedAt,
    [property: Id(3)] ScreeningDecision Screening,
    [property: Id(4)] decimal? Total);

/// <summary>创投补录: a round whose 立项公示 has ended, entered from its records so its projects become contracts here.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.RoundRecord")]
public sealed record RoundRecord(
    [property: Id(0)] RoundSettings Settings,
    [property: Id(1)] ImmutableArray<RecordedRoundApplication> Applications,
    [property: Id(2)] DateTimeOffset PublishedAt,
    [property: Id(3)] ImmutableArray<string> Experts);      // the panel's names, as the 立项公示 names them

/// <summary>
/// 创投补录 (as 合同补录 for contracts): commands refuse anything after a deadline, so a round finished
/// before the platform is entered in one step. The same rules hold: settings, proposals and the
/// organizations are validated as when applying, the selection is computed by <see cref="RoundSelection"/>
/// from the recorded totals, and the ledger sees the pool encumbered and the leftover freed with the keys
/// an opened round uses, so the street's figures are what they would have been.
/// </summary>
public sealed partial class VentureRoundGrain
{
    public async Task<Outcome<RoundInfo>> RecordFinishedAsync(RoundOrganizer organizer, RoundRecord r, string user)
    {
        if (S.Created)
        {
            return Outcome<RoundInfo>.Fail("", "该创投已存在");
        }
        var settings = Trimmed(r.Settings);
        var errors = RoundRules.ValidateSettings(settings, organizer.StreetId).ToBuilder();
        var period = await GrainFactory.GetGrain<IDistrictCalendarGrain>(organizer.DistrictId).PublicityPeriodAsync(r.PublishedAt);
        if (r.PublishedAt < settings.Deadline || period.EndsAt > Now)
        {
            errors.Add(new("PublishedAt", "补录的创投应已结束立项公示"));
        }
        ImmutableArray<string> experts = [.. (r.Experts.IsDefault ? [] : r.Experts).Select(n => (n ?? "").Trim())];
        // The 立项公示 names the panel (issue 13 item 4); a round that scored anyone had a panel.
        if (experts.Any(n => n.Length == 0) || experts.Distinct().Count() != experts.Length
            || (experts.IsEmpty && r.Applications is { IsDefault: false } recorded && recorded.Any(a => a.Total is not null)))
        {
            errors.Add(new("Experts", "请填写评审专家姓名（每人一次，不能为空）"));
        }
        var applications = ImmutableArray.CreateBuilder<RoundApplication>();
        var totals = ImmutableDictionary.CreateBuilder<Guid, decimal>();
        foreach (var a in r.Applications.IsDefault ? [] : r.Applications)
        {
            var uscc = Uscc.Normalise(a.Uscc);
            var profile = (await GrainFactory.GetGrain<IOrganizationGrain>(uscc).GetAsync())?.Profile;
            if (profile is null || profile.DistrictId != organizer.DistrictId)
            {
                errors.Add(new("Uscc", $"{a.Uscc} 不是本区社会组织名录中的单位"));
                continue;
            }
            errors.AddRange(RoundRules.ValidateProposal(settings, a.Proposal, applications.Count(x => x.Uscc == uscc)));
            if (string.IsNullOrWhiteSpace(a.Screening.Reason) || (a.Screening.Passed && a.Total is not (>= 0m and <= 100m)))
            {
                errors.Add(new("Total", $"“{a.Proposal.Title}”应有初审理由，通过初审的应有0至100分的评审总分"));
            }
            var id = Guid.CreateVersion7(a.SubmittedAt);
            applications.Add(new RoundApplication(id, uscc, profile.Name, a.Proposal, a.SubmittedAt, user, a.Screening));
            if (a.Screening.Passed && a.Total is { } total)
            {
                totals.Add(id, total);
            }
        }
        if (errors.Count > 0)
        {
            return Outcome<RoundInfo>.Fail(errors.ToImmutable());
        }
        // In memory only until the pool is held: a refused encumbrance leaves no round behind.
        state.State = new VentureRoundState
        {
            Created = true, Organizer = organizer, Settings = settings, Status = RoundStatus.Draft, Version = 1, CreatedBy = user,
            Applications = applications.ToImmutable(), Totals = totals.ToImmutable(), OpenedAt = settings.OpensAt, RecordedExperts = experts,
        };
        var refused = await EncumberPoolAsync(user);
        if (!refused.IsEmpty)
        {
            state.State = new VentureRoundState { OpenAttempts = S.OpenAttempts };
            return Outcome<RoundInfo>.Fail(refused);
        }
        var final = Selection();
        await ReleaseLeftoverAsync(final, user);
        return await CommitAsync(S with { Status = RoundStatus.Contracts, Publicity = period, Final = final, Version = 2 });
    }
}
