namespace Marketplace.Domain;

/// <summary>
/// Working days on the Chinese calendar: Monday–Friday unless the holiday table says 放假, and a
/// Saturday or Sunday when the table says 调休上班. Periods counted "in working days" (公示期 of 中标/成交结果)
/// use this; the table is the State Council's schedule, amended per district.
/// </summary>
public sealed class ChineseWorkCalendar
{
    /// <summary>China Standard Time (UTC+8, no daylight saving): the calendar day a period is counted in.</summary>

    private readonly Dictionary<DateOnly, CalendarDay> _days;

    /// <summary>The official table, with <paramref name="amendments"/> replacing entries of the same date.</summary>
    public ChineseWorkCalendar(IEnumerable<CalendarDay> official, IEnumerable<CalendarDay>? amendments = null)
    {
        _days = [];
        foreach (var day in official.Concat(amendments ?? []))
        {
            _days[day.Date] = day;
        }
    }

    public static ChineseWorkCalendar Official { get; } = new(OfficialHolidaySchedules.Days);

    /// <summary>The table entry of a date, if it is a holiday or a make-up working day.</summary>
    public CalendarDay? Entry(DateOnly date) => _days.GetValueOrDefault(date);

    public bool IsWorkingDay(DateOnly date) => Entry(date)?.Kind switch
    {
        CalendarDayKind.Holiday => false,
        CalendarDayKind.MakeUpWorkday => true,
        _ => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday),
    };

    /// <summary>Working days in [from, to], both ends included.</summary>
    public int CountWorkingDays(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            count += IsWorkingDay(d) ? 1 : 0;
        }
        return count;
    }

    /// <summary>The <paramref name="n"/>-th working day after <paramref name="date"/> (the date itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly date, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        var d = date;
        for (var found = 0; found < n;)
        {
            d = d.AddDays(1);
            found += IsWorkingDay(d) ? 1 : 0;
        }
        return d;
    }

    /// <summary>
    /// A period of <paramref name="workingDays"/> working days announced at <paramref name="start"/>. The day of
    /// announcement is not counted (民法典 Art.201: 开始的当日不计入，自下一日开始计算) and the period ends at
    /// 24:00 China time of its last working day (Art.203), i.e. 00:00 of the next day.
    /// </summary>
    public WorkingDayPeriod Period(DateTimeOffset start, int workingDays)
    {
        var announced = ChinaTime.Day(start);
        var first = AddWorkingDays(announced, 1);
        var last = AddWorkingDays(announced, workingDays);
        var endsAt = ChinaTime.EndOfDay(last);
        return new WorkingDayPeriod(announced, first, last, workingDays, endsAt);
    }
}

/// <summary>
/// A period counted in working days: announced on <see cref="Announced"/>, counting from
/// <see cref="FirstDay"/> to <see cref="LastDay"/> (China dates, both working days), over at <see cref="EndsAt"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.WorkingDayPeriod")]
public sealed record WorkingDayPeriod(
    [property: Id(0)] DateOnly Announced,
    [property: Id(1)] DateOnly FirstDay,
    [property: Id(2)] DateOnly LastDay,
    [property: Id(3)] int WorkingDays,
    [property: Id(4)] DateTimeOffset EndsAt)
{
    /// <summary>The China date on which a period ending at <paramref name="endsAt"/> (24:00 of that day) has its last day.</summary>
    public static DateOnly LastDayOf(DateTimeOffset endsAt) =>
        DateOnly.FromDateTime(endsAt.ToOffset(ChinaTime.Offset).AddTicks(-1).DateTime);
}
