using System.Collections.Immutable;
using System.Security.Cryptography;
using Marketplace.Domain;
using Marketplace.Persistence;
using Marketplace.Tendering;

namespace Marketplace.Rounds;

/// <summary>
/// 专家评审 / 路演: a panel drawn and recused as for tenders (the pure <see cref="PanelDraw"/> rules, 财库〔2016〕198号),
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
        var pool = (await GrainFactory.GetGrain<IExpertPoolGrain>(S.Organizer.DistrictId).GetExpertsAsync()).ToDictionary(e => e.Id);
        var skipped = new List<string>();
        bool MaySit(Expert e)
        {
            var why = Exclusion(e, expertField);
            if (why is not null && e.Field == expertField)
            {
                skipped.Add($"{e.Name}：{why}");
            }
            return why is null;
        }
        var errors = TenderRules.ValidatePanelSize(size, Settings.Pool, pool.Values.Count(e => Exclusion(e, expertField) is null));
        if (!errors.IsEmpty)
        {
            return Outcome<PanelRecord>.Fail(errors);
        }
        var seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        var order = PanelDraw.Order(pool.Values, seed);
        var members = PanelDraw.Take(order, pool, size, MaySit)
            .Select(id => new PanelMember(id, pool[id].Name, pool[id].UserName, PanelMemberStatus.Drawn, null)).ToImmutableArray();
        var panel = new PanelRecord(seed, order, size, members, Now, user, [.. skipped.Distinct()]);
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
            await state.CommitAsync(S with { Panel = Replace(S.Panel!, member with { Status = PanelMemberStatus.Confirmed }) });
            return Outcome.Ok;
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Fail("Reason", "请说明利害关系（任职、亲属关系、参与项目设计等）");
        }
        var pool = (await GrainFactory.GetGrain<IExpertPoolGrain>(S.Organizer.DistrictId).GetExpertsAsync()).ToDictionary(e => e.Id);
        var used = S.Panel!.Members.Select(m => m.ExpertId).ToHashSet();
        var field = pool.GetValueOrDefault(member.ExpertId)?.Field ?? "";
        // A recused member is replaced by the next eligible expert in the recorded draw order.
        var replacement = PanelDraw.Take(S.Panel.Order, pool, 1, e => !used.Contains(e.Id) && Exclusion(e, field) is null);
        var members = S.Panel.Members.Replace(member, member with { Status = PanelMemberStatus.Recused, RecusalReason = "本人声明：" + reason.Trim() });
        if (!replacement.IsEmpty)
        {
            var e = pool[replacement[0]];
            members = members.Add(new PanelMember(e.Id, e.Name, e.UserName, PanelMemberStatus.Drawn, null));
        }
        await state.CommitAsync(S with { Panel = S.Panel with { Members = members } });
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
        if (S.Panel is null || sitting.Count < S.Panel.Size || sitting.Any(m => m.Status != PanelMemberStatus.Confirmed))
        {
            return Outcome<ImmutableDictionary<Guid, decimal>>.Fail("", "评审小组尚未全部声明无利害关系");
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

    private string? Exclusion(Expert e, string field)
    {
        var usccs = S.Applications.Select(a => a.Uscc).ToHashSet();
        return PanelDraw.Exclusion(e, field, S.Organizer.StreetId ?? 0, usccs)
            // In a district round every paying street buys: its own staff may not sit either (87号令 Art.48).
            ?? (e.OfficialOfStreetId is { } s && Pools.ContainsKey(s) ? "出资街道工作人员" : null);
    }

    private PanelMember? Member(string expertUser) =>
        S.Panel?.Members.LastOrDefault(m => m.UserName == expertUser && m.Status != PanelMemberStatus.Recused)
        ?? S.Panel?.Members.LastOrDefault(m => m.UserName == expertUser);

    private static PanelRecord Replace(PanelRecord panel, PanelMember member) =>
        panel with { Members = panel.Members.Replace(panel.Members.First(m => m.ExpertId == member.ExpertId), member) };
}
