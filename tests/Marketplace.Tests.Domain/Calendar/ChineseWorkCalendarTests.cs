using Marketplace.Domain;

namespace Marketplace.Tests.Domain.Calendar;

public sealed class ChineseWorkCalendarTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly ChineseWorkCalendar Calendar = ChineseWorkCalendar.Official;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Weekends_statutory_holidays_and_make_up_saturdays_decide_working_days()
    {
        Assert.True(Calendar.IsWorkingDay(D(2026, 10, 9)));     // Friday
        Assert.False(Calendar.IsWorkingDay(D(2026, 10, 11)));   // Sunday
        Assert.False(Calendar.IsWorkingDay(D(2026, 10, 5)));    // Monday in 国庆
        Assert.True(Calendar.IsWorkingDay(D(2026, 10, 10)));    // Saturday 调休上班
        Assert.True(Calendar.IsWorkingDay(D(2026, 9, 20)));     // Sunday 调休上班
        Assert.True(Calendar.IsWorkingDay(D(2026, 1, 4)));      // Sunday after 元旦
        Assert.False(Calendar.IsWorkingDay(D(2026, 2, 23)));    // Monday, last day of 春节
        // October 2026: 22 weekdays, 5 of them in 国庆 (1, 2, 5, 6, 7), plus Saturday the 10th.
        Assert.Equal(18, Calendar.CountWorkingDays(D(2026, 10, 1), D(2026, 10, 31)));
    }

    [Fact]
    public void Publicity_over_the_national_holiday_skips_it_and_counts_the_make_up_saturday()
    {
        var period = Calendar.Period(new DateTimeOffset(2026, 9, 30, 15, 30, 0, China), 5);

        Assert.Equal(D(2026, 9, 30), period.Announced);
        Assert.Equal(D(2026, 10, 8), period.FirstDay);
        Assert.Equal(D(2026, 10, 13), period.LastDay);            // 10-08, 10-09, 10-10 (Sat), 10-12, 10-13
        Assert.Equal(new DateTimeOffset(2026, 10, 14, 0, 0, 0, China), period.EndsAt); // 24:00 of the last day
        Assert.Equal(TimeSpan.Zero, period.EndsAt.Offset);
        Assert.Equal(D(2026, 10, 13), WorkingDayPeriod.LastDayOf(period.EndsAt));
    }

    [Fact]
    public void Publicity_over_a_make_up_saturday_ends_a_day_earlier_than_a_plain_week()
    {
        // Friday 2026-05-08; Saturday 05-09 is worked for 劳动节, so it is the first of the five days.
        var period = Calendar.Period(new DateTimeOffset(2026, 5, 8, 9, 0, 0, China), 5);
        Assert.Equal((D(2026, 5, 9), D(2026, 5, 14)), (period.FirstDay, period.LastDay));

        // The same weekday a week later has no make-up day: Monday to Friday.
        var plain = Calendar.Period(new DateTimeOffset(2026, 5, 15, 9, 0, 0, China), 5);
        Assert.Equal((D(2026, 5, 18), D(2026, 5, 22)), (plain.FirstDay, plain.LastDay));
    }

    [Fact]
    public void Publicity_across_the_spring_festival_counts_both_make_up_saturdays()
    {
        var period = Calendar.Period(new DateTimeOffset(2026, 2, 13, 11, 0, 0, China), 5);
        Assert.Equal((D(2026, 2, 14), D(2026, 2, 27)), (period.FirstDay, period.LastDay)); // 02-14, 24, 25, 26, 27
    }

    [Fact]
    public void The_day_is_the_china_date_even_when_utc_is_still_the_day_before()
    {
        // 2026-09-30 17:00 UTC is 2026-10-01 01:00 in China: announced on a holiday.
        var period = Calendar.Period(new DateTimeOffset(2026, 9, 30, 17, 0, 0, TimeSpan.Zero), 1);
        Assert.Equal((D(2026, 10, 1), D(2026, 10, 8)), (period.Announced, period.LastDay));
    }

    [Fact]
    public void A_district_amendment_replaces_the_official_entry_of_that_date()
    {
        var district = new ChineseWorkCalendar(OfficialHolidaySchedules.Days,
        [
            new CalendarDay(D(2026, 10, 12), CalendarDayKind.Holiday, "区内调整"),
            new CalendarDay(D(2026, 10, 10), CalendarDayKind.Ordinary, "按常规"),
        ]);
        var period = district.Period(new DateTimeOffset(2026, 9, 30, 15, 30, 0, China), 5);
        Assert.Equal(D(2026, 10, 15), period.LastDay); // 10-08, 10-09, 10-13, 10-14, 10-15
    }

    [Fact]
    public void The_2027_table_is_marked_provisional_and_holds_the_statutory_days()
    {
        Assert.Contains(2027, OfficialHolidaySchedules.ProvisionalYears);
        Assert.DoesNotContain(2026, OfficialHolidaySchedules.ProvisionalYears);
        Assert.False(Calendar.IsWorkingDay(D(2027, 2, 8)));  // 初三, a Monday
        Assert.False(Calendar.IsWorkingDay(D(2027, 10, 1)));
    }
}
