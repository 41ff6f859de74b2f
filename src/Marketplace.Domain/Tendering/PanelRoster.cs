using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Tendering;

/// <summary>
/// What a panel is drawn for: the field, the buying street and the applicants to be free of. A district's
/// 公益创投 round has no one buying street but several paying ones (<paramref name="PayingStreetIds"/>): the
/// staff of each may not sit either (87号令 Art.48).
/// </summary>
public sealed record PanelContext(string Field, long BuyingStreetId, IReadOnlyCollection<string> ApplicantUsccs, IReadOnlyCollection<long>? PayingStreetIds = null)
{
    public string? Exclusion(Expert e) => PanelDraw.Exclusion(e, Field, BuyingStreetId, ApplicantUsccs)
        ?? (e.OfficialOfStreetId is { } s && PayingStreetIds?.Contains(s) == true ? "出资街道工作人员" : null);
}

/// <summary>A panel after a change, and the members it brought in (to be told and timed).</summary>
public sealed record PanelChange(PanelRecord Panel, ImmutableArray<PanelMember> Added)
{
    /// <summary>A seat was left empty: the recorded order had no one left who may sit.</summary>
    public bool RanOut => Panel.Vacancies > 0;
}

/// <summary>
/// The panel's rules as pure functions (财库〔2016〕198号): the draw, declarations, recusal and 补抽. The
/// tender grain reads the pool, calls these with the time and writes the result; nothing here reads a clock
/// or a grain.
/// </summary>
public static class PanelRoster
{
    /// <summary>How long a drawn expert has to declare, in working days on the district's calendar, unless the district sets its own (/District/Calendar).</summary>
    public const int DeclarationWorkingDays = 2;

    public const string NotAllDeclared = "评审专家尚未全部声明无利害关系";

    /// <summary>Why the panel cannot review yet, or null when every seat is filled by a member who declared.</summary>
    public static string? NotReady(PanelRecord panel)
    {
        if (panel.Vacancies > 0)
        {
            return RanOutText(panel.Vacancies);
        }
        return panel.Sitting.Any(m => m.Status != PanelMemberStatus.Confirmed) ? NotAllDeclared : null;
    }

    public static string RanOutText(int vacancies) =>
        $"评审小组缺{vacancies}名专家：按记录的随机抽取顺序已无可补抽的专家，请联系区管理员补充专家库";

    /// <summary>
    /// Draws <paramref name="size"/> members in the order <paramref name="seed"/> gives the whole pool,
    /// skipping every expert who may not sit (the reasons recorded), each due to declare by <paramref name="declareBy"/>.
    /// </summary>
    public static Outcome<PanelRecord> Draw(
        IReadOnlyDictionary<Guid, Expert> pool, PanelContext context, int size, Money ceiling, ulong seed,
        DateTimeOffset now, DateTimeOffset declareBy, string user)
    {
        var eligible = pool.Values.Count(e => context.Exclusion(e) is null);
        var sizeErrors = TenderRules.ValidatePanelSize(size, ceiling, eligible);
        if (!sizeErrors.IsEmpty)
        {
            return Outcome<PanelRecord>.Fail(sizeErrors);
        }
        var (order, chosen, skipped) = Shuffle(pool.Values, pool, context, size, seed);
        var members = chosen.Select(id => Seat(pool[id], declareBy)).ToImmutableArray();
        return Outcome<PanelRecord>.Ok(new PanelRecord(seed, order, size, members, now, user, skipped));
    }

    public const string NothingToRedraw = "评审小组没有空缺席位，无需重新抽取";

    public const string NoOneToRedraw = "专家库中没有可重新抽取的专家（须为本领域、可登录声明且未曾进入本评审小组），请联系区管理员新增或启用专家后再抽取";

    /// <summary>
    /// 重新抽取: once the recorded order has run out, the empty seats are drawn afresh with a new recorded
    /// <paramref name="seed"/> from the experts who never sat on this panel (added to, or re-enabled in, the pool
    /// since), with the same recusal rules; each new member is due to declare by <paramref name="declareBy"/>.
    /// </summary>
    public static Outcome<PanelChange> Redraw(PanelRecord panel, IReadOnlyDictionary<Guid, Expert> pool, PanelContext context, ulong seed,
        DateTimeOffset now, DateTimeOffset declareBy, string user)
    {
        var vacancies = panel.Vacancies;
        if (vacancies == 0)
        {
            return Outcome<PanelChange>.Fail("", NothingToRedraw);
        }
        var used = panel.Members.Select(m => m.ExpertId).ToHashSet();
        var (order, chosen, skipped) = Shuffle(pool.Values.Where(e => !used.Contains(e.Id)), pool, context, vacancies, seed);
        if (chosen.IsEmpty)
        {
            return Outcome<PanelChange>.Fail("", NoOneToRedraw);
        }
        var seats = chosen.Select(id => Seat(pool[id], declareBy)).ToImmutableArray();
        // Each new member takes the seat of one who left with no one to succeed him, so the record says who filled it.
        var members = panel.Members;
        foreach (var (gone, seat) in panel.Members.Where(m => !m.Sits && m.SucceededBy is null).Zip(seats))
        {
            members = members.Replace(gone, gone with { SucceededBy = seat.ExpertId });
        }
        var redraw = new PanelRedraw(seed, order, now, user, $"按记录的随机抽取顺序已无可补抽的专家，评审小组缺{vacancies}名", skipped);
        var next = panel with { Members = members.AddRange(seats), Redraws = panel.Redraws.Add(redraw) };
        return Outcome<PanelChange>.Ok(new PanelChange(next, seats));
    }

    /// <summary>The member declared no conflict.</summary>
    public static PanelRecord Confirm(PanelRecord panel, PanelMember member) =>
        Swap(panel, member, member with { Status = PanelMemberStatus.Confirmed });

    /// <summary>The member declared a conflict: recused, and his seat goes to the next in the recorded order.</summary>
    public static PanelChange Recuse(PanelRecord panel, PanelMember member, string reason,
        IReadOnlyDictionary<Guid, Expert> pool, PanelContext context, DateTimeOffset now, DateTimeOffset declareBy) =>
        Fill(Swap(panel, member, member with { Status = PanelMemberStatus.Recused, RecusalReason = reason, LeftAt = now }),
            member, pool, context, declareBy);

    /// <summary>The member leaves for <paramref name="reason"/>; his seat goes to the next in the recorded order.</summary>
    public static PanelChange Replace(PanelRecord panel, PanelMember member, PanelReplacementReason reason, string? note,
        IReadOnlyDictionary<Guid, Expert> pool, PanelContext context, DateTimeOffset now, DateTimeOffset declareBy)
    {
        var left = member with
        {
            Status = PanelMemberStatus.Replaced, Replacement = reason, ReplacementNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), LeftAt = now,
        };
        return Fill(Swap(panel, member, left), left, pool, context, declareBy);
    }

    /// <summary>The next expert in the recorded order who may sit now and never sat on this panel, or null.</summary>
    public static Expert? Next(PanelRecord panel, IReadOnlyDictionary<Guid, Expert> pool, PanelContext context)
    {
        var used = panel.Members.Select(m => m.ExpertId).ToHashSet();
        var next = PanelDraw.Take(panel.DrawOrder, pool, 1, e => !used.Contains(e.Id) && context.Exclusion(e) is null);
        return next.IsEmpty ? null : pool[next[0]];
    }

    /// <summary>
    /// Why the buying street's official may not replace <paramref name="member"/>, or null. Only a member who has
    /// not declared, or one who cannot act (disabled by the district since, or without an expert account), may be
    /// replaced, and never one who has scored: replacing a sitting expert at will would undo the random draw.
    /// </summary>
    public static FieldError? ManualRefusal(PanelRecord panel, PanelMember? member, bool cannotAct, bool hasScored, string? note,
        IReadOnlyDictionary<Guid, Expert> pool, PanelContext context)
    {
        if (member is null)
        {
            return new("", "该专家不在本项目的评审小组中");
        }
        if (!member.Sits)
        {
            return new("", $"{member.Name}已不在评审小组中（{member.Standing()}）");
        }
        if (hasScored)
        {
            return new("", $"{member.Name}已提交评分，不能替换");
        }
        if (member.Status == PanelMemberStatus.Confirmed && !cannotAct)
        {
            return new("", $"{member.Name}已声明无利害关系，不能替换；专家库停用该专家后方可替换");
        }
        if (!cannotAct && string.IsNullOrWhiteSpace(note))
        {
            return new("ReplaceReason", "请填写替换原因（如无法联系、不能按时参加评审）");
        }
        if (note is { Length: > 200 })
        {
            return new("ReplaceReason", "替换原因不能超过200字");
        }
        return Next(panel, pool, context) is null ? new("", RanOutText(1)) : null;
    }

    /// <summary>Whether the member has not declared by his due time at <paramref name="now"/>.</summary>
    public static bool IsOverdue(PanelMember member, DateTimeOffset now) =>
        member is { Status: PanelMemberStatus.Drawn, DeclareBy: { } due } && now >= due;

    private static PanelChange Fill(PanelRecord panel, PanelMember left, IReadOnlyDictionary<Guid, Expert> pool, PanelContext context, DateTimeOffset declareBy)
    {
        if (Next(panel, pool, context) is not { } e)
        {
            return new PanelChange(panel, []);
        }
        var seat = Seat(e, declareBy);
        var gone = panel.Members.First(m => m.ExpertId == left.ExpertId); // as recorded by the caller: recused or replaced
        var handedOver = Swap(panel, gone, gone with { SucceededBy = e.Id });
        return new PanelChange(handedOver with { Members = handedOver.Members.Add(seat) }, [seat]);
    }

    /// <summary>
    /// <paramref name="candidates"/> in the order <paramref name="seed"/> gives them, the first <paramref name="size"/>
    /// who may sit, and the field's experts passed over with why (recorded, as 财库〔2016〕198号 asks).
    /// </summary>
    private static (ImmutableArray<Guid> Order, ImmutableArray<Guid> Chosen, ImmutableArray<string> Skipped) Shuffle(
        IEnumerable<Expert> candidates, IReadOnlyDictionary<Guid, Expert> pool, PanelContext context, int size, ulong seed)
    {
        var skipped = new List<string>();
        bool MaySit(Expert e)
        {
            var why = context.Exclusion(e);
            if (why is not null && e.Field == context.Field)
            {
                skipped.Add($"{e.Name}：{why}");
            }
            return why is null;
        }
        var order = PanelDraw.Order(candidates, seed);
        var chosen = PanelDraw.Take(order, pool, size, MaySit);
        return (order, chosen, [.. skipped.Distinct()]);
    }

    private static PanelMember Seat(Expert e, DateTimeOffset declareBy) =>
        new(e.Id, e.Name, e.UserName, PanelMemberStatus.Drawn, null) { DeclareBy = declareBy };

    private static PanelRecord Swap(PanelRecord panel, PanelMember member, PanelMember next) =>
        panel with { Members = panel.Members.Replace(panel.Members.First(m => m.ExpertId == member.ExpertId), next) };
}
