using System.Collections.Immutable;
using System.Security.Cryptography;
using Marketplace.Domain;
using Marketplace.Calendar;
using Marketplace.Persistence;
using Marketplace.Tendering;

namespace Marketplace.Rounds;

/// <summary>
/// 专家评审 / 路演: a panel drawn, declared and recused by the tenders' own <see cref="PanelRoster"/> (财库〔2016〕198号),
/// scoring the round's own criteria with no price score (<see cref="Scoring.ValidateSheet"/>).
/// </summary>
public sealed partial class VentureRoundGrain
{
    private IEnumerable<RoundApplication> ScreenedIn => S.Applications.Where(a => a.Screening is { Passed: true });

    public async Task<Outcome<PanelRecord>> DrawPanelAsync(RoundOrganizer organizer, int size, string expertField, string user)
    {
        if (!IsOrganizer(organizer))
        {
            return Outcome<PanelRecord>.Fail("", Missing);
        }
        if (Status is not (RoundStatus.Closed or RoundStatus.Screening))
        {
            return Outcome<PanelRecord>.Fail("", Sealed ? "申报截止并完成初审后才能抽取评审专家" : "评审专家已抽取");
        }
        if (S.Applications.Any(a => a.Screening is null))
        {
            return Outcome<PanelRecord>.Fail("", "请先完成全部申报项目的初审");
        }
        if (!ScreenedIn.Any())
        {
            return Outcome<PanelRecord>.Fail("", "没有通过初审的项目，可取消本次创投");
        }
        if (string.IsNullOrWhiteSpace(expertField))
        {
            return Outcome<PanelRecord>.Fail("ExpertField", "请选择专家的专业领域");
        }
        // The tender's roster rules (财库〔2016〕198号): the same draw, skipped reasons and declaration time.
        var drawn = PanelRoster.Draw(await PoolAsync(), PanelFor(expertField), size, Settings.Pool,
            BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)), Now, await DeclareByAsync(), user);
        if (!drawn.Succeeded)
        {
            return drawn;
        }
        var panel = drawn.Value!;
        await CommitAsync(S with { Panel = panel, Status = RoundStatus.Review, Version = S.Version + 1 });
        return Outcome<PanelRecord>.Ok(panel);
    }

    public async Task<Outcome> DeclareAsync(string expertUser, bool conflict, string? reason)
    {
        if (Member(expertUser) is not { } member || S.Status != RoundStatus.Review)
        {
            return Outcome.Fail("", "您不是该创投的评审专家");
        }
        if (member.Status != PanelMemberStatus.Drawn)
        {
            return Outcome.Fail("", "您已作出声明");
        }
        if (!conflict)
        {
            await state.CommitAsync(S with { Panel = PanelRoster.Confirm(S.Panel!, member) });
            return Outcome.Ok;
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Fail("Reason", "请说明利害关系（任职、亲属关系、参与项目设计等）");
        }
        var pool = await PoolAsync();
        // A recused member's seat goes to the next eligible expert in the recorded draw order, in his field.
        var field = pool.GetValueOrDefault(member.ExpertId)?.Field ?? "";
        var change = PanelRoster.Recuse(S.Panel!, member, "本人声明：" + reason.Trim(), pool, PanelFor(field), Now, await DeclareByAsync());
        await state.CommitAsync(S with { Panel = change.Panel });
        return Outcome.Ok;
    }

    public Task<Outcome<ImmutableArray<RoundApplication>>> GetApplicationsForExpertAsync(string expertUser)
    {
        // An expert sees proposals only after declaring no conflict (财库〔2016〕198号).
        if (Member(expertUser) is not { Status: PanelMemberStatus.Confirmed } || S.Status is not (RoundStatus.Review or RoundStatus.Selection or RoundStatus.Publicity))
        {
            return Task.FromResult(Outcome<ImmutableArray<RoundApplication>>.Fail("", "声明无利害关系后才能查看申报材料"));
        }
        return Task.FromResult(Outcome<ImmutableArray<RoundApplication>>.Ok([.. ScreenedIn.OrderBy(a => a.SubmittedAt)]));
    }

    public Task<PanelMemberStatus?> GetMemberStatusAsync(string expertUser) => Task.FromResult(Member(expertUser)?.Status);

    public Task<ImmutableDictionary<Guid, ImmutableDictionary<string, CriterionScore>>> GetExpertScoresAsync(string expertUser) =>
        Task.FromResult(Member(expertUser) is { } m ? S.Scores.GetValueOrDefault(m.ExpertId) ?? ImmutableDictionary<Guid, ImmutableDictionary<string, CriterionScore>>.Empty
            : ImmutableDictionary<Guid, ImmutableDictionary<string, CriterionScore>>.Empty);

    public async Task<Outcome> ScoreAsync(string expertUser, Guid applicationId, ImmutableDictionary<string, CriterionScore> sheet)
    {
        if (S.Status != RoundStatus.Review)
        {
            return Outcome.Fail("", S.Status is RoundStatus.Selection or RoundStatus.Publicity or RoundStatus.Contracts ? "评审已结束，不能再修改评分" : "尚未开始评审");
        }
        if (Member(expertUser) is not { Status: PanelMemberStatus.Confirmed } member)
        {
            return Outcome.Fail("", "声明无利害关系后才能评分");
        }
        if (!ScreenedIn.Any(a => a.Id == applicationId))
        {
            return Outcome.Fail("", "该项目未通过初审或不存在，不参与评分");
        }
        var errors = Scoring.ValidateSheet(Settings.Criteria, sheet);
        if (!errors.IsEmpty)
        {
            return Outcome.Fail(errors);
        }
        var mine = (S.Scores.GetValueOrDefault(member.ExpertId) ?? ImmutableDictionary<Guid, ImmutableDictionary<string, CriterionScore>>.Empty).SetItem(applicationId, sheet);
        await state.CommitAsync(S with { Scores = S.Scores.SetItem(member.ExpertId, mine) });
        return Outcome.Ok;
    }

    /// <summary>Panel totals of the screened-in proposals, or why they cannot be computed yet.</summary>
    private Outcome<ImmutableDictionary<Guid, decimal>> PanelTotals()
    {
        var sitting = S.Panel?.Sitting.ToList() ?? [];
        if ((S.Panel is null ? PanelRoster.NotAllDeclared : PanelRoster.NotReady(S.Panel)) is { } notReady)
        {
            return Outcome<ImmutableDictionary<Guid, decimal>>.Fail("", notReady);
        }
        var totals = ImmutableDictionary.CreateBuilder<Guid, decimal>();
        foreach (var a in ScreenedIn)
        {
            var sheets = sitting.Select(m => S.Scores.GetValueOrDefault(m.ExpertId)?.GetValueOrDefault(a.Id)).ToList();
            if (sheets.Any(s => s is null))
            {
                return Outcome<ImmutableDictionary<Guid, decimal>>.Fail("", $"“{a.Proposal.Title}”尚有专家未评分");
            }
            totals[a.Id] = RoundScoring.PanelTotal(Settings.Criteria, [.. sheets.Select(s => (IReadOnlyDictionary<string, CriterionScore>)s!)]).Total;
        }
        return Outcome<ImmutableDictionary<Guid, decimal>>.Ok(totals.ToImmutable());
    }

    private PanelContext PanelFor(string field) =>
        new(field, S.Organizer.StreetId ?? 0, S.Applications.Select(a => a.Uscc).ToHashSet(), [.. Pools.Keys]);

    private async Task<IReadOnlyDictionary<Guid, Expert>> PoolAsync() =>
        (await GrainFactory.GetGrain<IExpertPoolGrain>(S.Organizer.DistrictId).GetExpertsAsync()).ToDictionary(e => e.Id);

    /// <summary>A drawn expert declares within <see cref="PanelRoster.DeclarationWorkingDays"/> working days on the district's calendar.</summary>
    private async Task<DateTimeOffset> DeclareByAsync()
    {
        var calendar = await GrainFactory.GetGrain<IDistrictCalendarGrain>(S.Organizer.DistrictId).GetAsync();
        return new ChineseWorkCalendar(OfficialHolidaySchedules.Days, calendar.Amendments).Period(Now, PanelRoster.DeclarationWorkingDays).EndsAt;
    }

    private PanelMember? Member(string expertUser) =>
        S.Panel?.Members.LastOrDefault(m => m.UserName == expertUser && m.Status != PanelMemberStatus.Recused)
        ?? S.Panel?.Members.LastOrDefault(m => m.UserName == expertUser);

}
