using Marketplace.Domain;
using Marketplace.Grid;

namespace Marketplace.Tests.Domain.Grid;

/// <summary>
/// The tiers' working-day deadlines (庄市街道: 村(社区) 当日答复/3个工作日办结, 街道部门 当日受理/5个工作日办结,
/// 街道以上 1个工作日内上报) on the State Council's 2026 table. Each deadline is 24:00 China time of its last day.
/// </summary>
public sealed class MatterDeadlineTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static DateTimeOffset At(int m, int d, int h = 10) => new(2026, m, d, h, 0, 0, China);

    /// <summary>24:00 of the China date <paramref name="d"/>, i.e. 00:00 of the next day.</summary>
    private static DateTimeOffset EndOf(int m, int d) => new DateTimeOffset(2026, m, d, 0, 0, 0, China).AddDays(1);

    private static MatterDue Due(MatterTier tier, DateTimeOffset at, MatterTierLimits? limits = null) =>
        MatterDeadlines.For(tier, at, limits ?? MatterTierLimits.Default, ChineseWorkCalendar.Official);

    [Fact]
    public void A_matter_sorted_on_a_friday_counts_its_working_days_across_the_weekend()
    {
        var friday = At(11, 27);
        Assert.Equal(new MatterDue(EndOf(11, 27), EndOf(12, 2)), Due(MatterTier.Community, friday));        // Mon, Tue, Wed
        Assert.Equal(new MatterDue(EndOf(11, 27), EndOf(12, 4)), Due(MatterTier.StreetDepartment, friday)); // Mon … Fri
        Assert.Equal(new MatterDue(EndOf(11, 30), null), Due(MatterTier.AboveStreet, friday));               // the next working day: Monday
    }

    [Fact]
    public void A_matter_sorted_before_national_day_skips_the_holiday_and_counts_the_make_up_saturday()
    {
        var eve = At(9, 30); // 10-01 … 10-07 off, Saturday 10-10 调休上班, Sunday 10-11 off
        Assert.Equal(new MatterDue(EndOf(9, 30), EndOf(10, 10)), Due(MatterTier.Community, eve));         // 10-08, 10-09, 10-10
        Assert.Equal(new MatterDue(EndOf(9, 30), EndOf(10, 13)), Due(MatterTier.StreetDepartment, eve));  // … 10-12, 10-13
        Assert.Equal(new MatterDue(EndOf(10, 8), null), Due(MatterTier.AboveStreet, eve));
    }

    [Fact]
    public void Same_day_on_a_holiday_is_the_next_working_day_and_a_make_up_saturday_is_a_working_day()
    {
        var holiday = At(10, 3);
        Assert.Equal(new MatterDue(EndOf(10, 8), EndOf(10, 10)), Due(MatterTier.Community, holiday));        // 10-08, 10-09, 10-10 (调休上班)
        Assert.Equal(new MatterDue(EndOf(10, 8), EndOf(10, 13)), Due(MatterTier.StreetDepartment, holiday)); // … 10-12, 10-13
    }

    [Fact]
    public void Reported_on_the_make_up_saturday_the_same_day_is_that_saturday()
    {
        var saturday = At(10, 10);
        Assert.Equal(new MatterDue(EndOf(10, 10), EndOf(10, 14)), Due(MatterTier.Community, saturday));       // 10-12, 10-13, 10-14
        Assert.Equal(new MatterDue(EndOf(10, 10), EndOf(10, 16)), Due(MatterTier.StreetDepartment, saturday)); // 10-12 … 10-16
        Assert.Equal(new MatterDue(EndOf(10, 12), null), Due(MatterTier.AboveStreet, saturday));
    }

    [Fact]
    public void A_districts_own_limits_replace_the_defaults()
    {
        var limits = new MatterTierLimits(1, 2, 1, 4, 2);
        Assert.Equal(new MatterDue(EndOf(11, 30), EndOf(12, 1)), Due(MatterTier.Community, At(11, 27), limits));
        Assert.Equal(new MatterDue(EndOf(11, 30), EndOf(12, 3)), Due(MatterTier.StreetDepartment, At(11, 27), limits));
        Assert.Equal(new MatterDue(EndOf(12, 1), null), Due(MatterTier.AboveStreet, At(11, 27), limits));
        Assert.NotEmpty(new MatterTierLimits(0, 0, 0, 5, 1).Validate());
        Assert.NotEmpty(new MatterTierLimits(4, 3, 0, 5, 1).Validate());
        Assert.Empty(MatterTierLimits.Default.Validate());
    }
}
