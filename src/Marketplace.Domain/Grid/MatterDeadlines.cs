using Marketplace.Domain;

namespace Marketplace.Grid;

/// <summary>
/// A district's working-day limits per tier (庄市街道's practice as the default): the first step within
/// <c>First</c> working days (0 = the same working day) and the matter solved within <c>Solve</c> working days
/// (0 = no solving limit: a matter sent above the street leaves the street's hands).
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.MatterTierLimits")]
public sealed record MatterTierLimits(
    [property: Id(0)] int CommunityFirst, [property: Id(1)] int CommunitySolve,
    [property: Id(2)] int DepartmentFirst, [property: Id(3)] int DepartmentSolve,
    [property: Id(4)] int AboveFirst)
{
    public const int MaxWorkingDays = 30;

    public static MatterTierLimits Default { get; } = new(0, 3, 0, 5, 1);

    public (int First, int Solve) For(MatterTier tier) => tier switch
    {
        MatterTier.Community => (CommunityFirst, CommunitySolve),
        MatterTier.StreetDepartment => (DepartmentFirst, DepartmentSolve),
        _ => (AboveFirst, 0),
    };

    public IEnumerable<FieldError> Validate()
    {
        foreach (var (field, days, min) in new[]
        {
            (nameof(CommunityFirst), CommunityFirst, 0), (nameof(CommunitySolve), CommunitySolve, 1),
            (nameof(DepartmentFirst), DepartmentFirst, 0), (nameof(DepartmentSolve), DepartmentSolve, 1),
            (nameof(AboveFirst), AboveFirst, 0),
        })
        {
            if (days < min || days > MaxWorkingDays)
            {
                yield return new(field, $"应为{min}至{MaxWorkingDays}个工作日");
            }
        }
        if (CommunityFirst > CommunitySolve || DepartmentFirst > DepartmentSolve)
        {
            yield return new("", "答复(受理)期限不能晚于办结期限");
        }
    }
}

/// <summary>The two deadlines of a matter: the first step (答复/受理/上报) and solving (办结); each at 24:00 China time.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.MatterDue")]
public sealed record MatterDue([property: Id(0)] DateTimeOffset FirstBy, [property: Id(1)] DateTimeOffset? SolveBy);

public static class MatterDeadlines
{
    /// <summary>
    /// Deadlines of a matter sorted into <paramref name="tier"/> at <paramref name="sortedAt"/>. "Same day" is the
    /// same working day: sorted on a rest day, it ends with the next working day. N working days are counted from
    /// the next day (民法典 Art.201) and end at 24:00 of the last one (Art.203), as for 公示 periods.
    /// </summary>
    public static MatterDue For(MatterTier tier, DateTimeOffset sortedAt, MatterTierLimits limits, ChineseWorkCalendar calendar)
    {
        var (first, solve) = limits.For(tier);
        return new MatterDue(End(sortedAt, first, calendar), solve > 0 ? End(sortedAt, solve, calendar) : null);
    }

    private static DateTimeOffset End(DateTimeOffset start, int workingDays, ChineseWorkCalendar calendar)
    {
        if (workingDays > 0)
        {
            return calendar.Period(start, workingDays).EndsAt;
        }
        var day = ChinaTime.Day(start);
        var last = calendar.IsWorkingDay(day) ? day : calendar.AddWorkingDays(day, 1);
        return ChinaTime.EndOfDay(last);
    }
}
