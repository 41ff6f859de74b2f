using System.Collections.Immutable;
using System.Security.Cryptography;
using Marketplace.Calendar;
using Marketplace.Domain;
using Marketplace.Persistence;

namespace Marketplace.Tendering;

/// <summary>
/// The panel's commands. The grain only serializes them: it reads the district's pool and calendar, asks
/// <see cref="PanelRoster"/> what the rules make of the command, writes the result, then tells and times
/// the experts it brought in.
/// </summary>
public sealed partial class TenderGrain
{
    public async Task<Outcome<PanelRecord>> RequestPanelAsync(int size, string user)
    {
        if (!S.Created)
        {
            return Outcome<PanelRecord>.Fail("", Missing);
        }
        if (S.Status != TenderStatus.Closed)
        {
            return Outcome<PanelRecord>.Fail("", S.Status == TenderStatus.Published ? "报名截止后才能抽取评审专家" : "该项目已抽取评审专家或不在可抽取状态");
        }
        var pool = await PoolAsync();
        var seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        var drawn = PanelRoster.Draw(pool, PanelFor(), size, S.Notice!.Ceiling, seed, Now, await DeclareByAsync(), user);
        if (!drawn.Succeeded)
        {
            return drawn;
        }
        var panel = drawn.Value!;
        var next = S with { Panel = panel, Status = TenderStatus.UnderReview, Version = S.Version + 1 };
        next = Notify(next, panel.Members.Where(m => m.UserName is not null).Select(m => Recipient.User(m.UserName!)),
            $"您被抽取为“{S.Notice.Title}”的评审专家，请于{DueText(panel.Members[0])}前声明与申请单位无利害关系");
        await TimeAsync(panel.Members);
        await state.CommitAsync(next);
        return Outcome<PanelRecord>.Ok(panel);
    }

    public Task<PanelRecord?> GetPanelAsync() => Task.FromResult(S.Panel);

    public async Task<Outcome> DeclareAsync(string expertUser, bool conflict, string? reason)
    {
        if (Member(expertUser) is not { } member || S.Status != TenderStatus.UnderReview)
        {
            return Outcome.Fail("", "您不是该项目的评审专家");
        }
        if (member.Status != PanelMemberStatus.Drawn)
        {
            return Outcome.Fail("", member.Sits ? "您已作出声明" : $"您已不在本项目评审小组中（{member.Standing()}）");
        }
        if (!conflict)
        {
            await state.CommitAsync(S with { Panel = PanelRoster.Confirm(S.Panel!, member) });
            return Outcome.Ok;
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Fail("Reason", "请说明利害关系（任职、亲属关系、参与编制需求等）");
        }
        var pool = await PoolAsync();
        var change = PanelRoster.Recuse(S.Panel!, member, "本人声明：" + reason.Trim(), pool, PanelFor(), Now, await DeclareByAsync());
        await CommitPanelAsync(change, $"{member.Name}回避");
        return Outcome.Ok;
    }

    public async Task<Outcome> DeclineAsync(string expertUser, string? reason)
    {
        if (Member(expertUser) is not { } member || S.Status != TenderStatus.UnderReview)
        {
            return Outcome.Fail("", "您不是该项目的评审专家");
        }
        if (member.Status != PanelMemberStatus.Drawn)
        {
            return Outcome.Fail("", member.Sits ? "您已声明无利害关系，不能再拒绝参加评审" : $"您已不在本项目评审小组中（{member.Standing()}）");
        }
        if (reason is { Length: > 200 })
        {
            return Outcome.Fail("DeclineReason", "说明不能超过200字");
        }
        await ReplaceAsync(member, PanelReplacementReason.Declined, reason);
        return Outcome.Ok;
    }

    public async Task<Outcome> ReplaceMemberAsync(Guid expertId, string? reason, string user)
    {
        if (!S.Created)
        {
            return Outcome.Fail("", Missing);
        }
        if (S.Status != TenderStatus.UnderReview || S.Panel is null)
        {
            return Outcome.Fail("", S.Panel is null ? "尚未抽取评审专家" : "评审已结束，不能替换评审专家");
        }
        var member = S.Panel.Members.LastOrDefault(m => m.ExpertId == expertId);
        var pool = await PoolAsync();
        // 已停用 in the pool makes a member replaceable without more words, and so does a missing expert account
        // (a panel drawn before such experts were passed over); anyone else needs the official's reason.
        var deactivated = pool.TryGetValue(expertId, out var expert) && !expert.Active;
        var noAccount = !deactivated && string.IsNullOrWhiteSpace(expert?.UserName ?? member?.UserName);
        var refusal = PanelRoster.ManualRefusal(S.Panel, member, deactivated || noAccount, S.Scores.ContainsKey(expertId), reason, pool, PanelFor());
        if (refusal is not null)
        {
            return Outcome.Fail([refusal]);
        }
        var words = string.IsNullOrWhiteSpace(reason) ? (noAccount ? PanelDraw.NoAccount : null) : reason.Trim();
        var note = words is null ? null : $"{words}（{user}）";
        await ReplaceAsync(member!, deactivated ? PanelReplacementReason.Deactivated : PanelReplacementReason.Manual, note, pool);
        return Outcome.Ok;
    }

    public async Task<Outcome> RedrawPanelAsync(string user)
    {
        if (!S.Created)
        {
            return Outcome.Fail("", Missing);
        }
        if (S.Status != TenderStatus.UnderReview || S.Panel is null)
        {
            return Outcome.Fail("", S.Panel is null ? "尚未抽取评审专家" : "评审已结束，不能重新抽取评审专家");
        }
        var seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        var drawn = PanelRoster.Redraw(S.Panel, await PoolAsync(), PanelFor(), seed, Now, await DeclareByAsync(), user);
        if (!drawn.Succeeded)
        {
            return Outcome.Fail(drawn.Errors);
        }
        await CommitPanelAsync(drawn.Value!, "重新抽取后");
        return Outcome.Ok;
    }

    public async Task<Outcome> DeclarationOverdueAsync(Guid expertId)
    {
        // Timed work may run twice (a retry, a restart): only a member still undeclared past his due time is replaced.
        var member = S.Panel?.Members.LastOrDefault(m => m.ExpertId == expertId);
        if (S.Status != TenderStatus.UnderReview || member is null || !PanelRoster.IsOverdue(member, Now))
        {
            return Outcome.Ok;
        }
        await ReplaceAsync(member, PanelReplacementReason.Overdue, null);
        return Outcome.Ok;
    }

    private async Task ReplaceAsync(PanelMember member, PanelReplacementReason reason, string? note, IReadOnlyDictionary<Guid, Expert>? pool = null)
    {
        var change = PanelRoster.Replace(S.Panel!, member, reason, note, pool ?? await PoolAsync(), PanelFor(), Now, await DeclareByAsync());
        await CommitPanelAsync(change, $"{member.Name}{reason.Chinese()}");
    }

    /// <summary>Writes a changed panel; tells the expert drawn in (财库〔2016〕198号 补抽), or the street that the order ran out.</summary>
    private async Task CommitPanelAsync(PanelChange change, string what)
    {
        var next = S with { Panel = change.Panel };
        foreach (var seat in change.Added.Where(m => m.UserName is not null))
        {
            next = Notify(next, [Recipient.User(seat.UserName!)], $"您被补充抽取为“{S.Notice!.Title}”的评审专家，请于{DueText(seat)}前声明与申请单位无利害关系");
        }
        if (change.RanOut)
        {
            next = Notify(next, [Recipient.Street(S.StreetId)], $"“{S.Notice!.Title}”{what}，{PanelRoster.RanOutText(change.Panel.Vacancies)}");
        }
        await TimeAsync(change.Added);
        await state.CommitAsync(next);
    }

    /// <summary>Stages each seat's declaration time; the timers seam stores it with the grain's next state write, so call it right before that write.</summary>
    private Task TimeAsync(IEnumerable<PanelMember> seats) =>
        Task.WhenAll(seats.Where(m => m.DeclareBy is not null).Select(m => timers.ScheduleDeclarationDueAsync(Id, m.ExpertId, m.DeclareBy!.Value)));

    /// <summary>A drawn expert declares within the district's declaration limit (default 2 working days) on its calendar.</summary>
    private async Task<DateTimeOffset> DeclareByAsync()
    {
        var calendar = await GrainFactory.GetGrain<IDistrictCalendarGrain>(S.DistrictId).GetAsync();
        return new ChineseWorkCalendar(OfficialHolidaySchedules.Days, calendar.Amendments).Period(Now, calendar.DeclarationWorkingDays).EndsAt;
    }

    private static string DueText(PanelMember m) => $"{WorkingDayPeriod.LastDayOf(m.DeclareBy!.Value):yyyy-MM-dd} 24:00";

    private async Task<IReadOnlyDictionary<Guid, Expert>> PoolAsync() =>
        (await GrainFactory.GetGrain<IExpertPoolGrain>(S.DistrictId).GetExpertsAsync()).ToDictionary(e => e.Id);

    private PanelContext PanelFor() => new(S.Notice!.ExpertField, S.StreetId, S.Active.Select(a => a.Uscc).ToHashSet());

    private PanelMember? Member(string expertUser) => S.Panel?.MemberFor(expertUser);
}
