using Marketplace.Calendar;
using Marketplace.Domain;
using Marketplace.Tests.Grains.Infrastructure;

namespace Marketplace.Tests.Grains.Tendering;

public sealed class DistrictCalendarGrainTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // Districts of their own, so the tender tests keep the default of 5 working days.
    private IDistrictCalendarGrain Grain(long id) => cluster.Cluster.GrainFactory.GetGrain<IDistrictCalendarGrain>(id);

    [Fact]
    public async Task Default_is_five_working_days_on_the_official_table()
    {
        var period = await Grain(910_001).PublicityPeriodAsync(new DateTimeOffset(2026, 9, 30, 15, 0, 0, China));
        Assert.Equal((5, new DateOnly(2026, 10, 13)), (period.WorkingDays, period.LastDay));
    }

    [Fact]
    public async Task District_length_and_amended_days_are_kept_and_used()
    {
        var grain = Grain(910_002);
        Assert.True((await grain.SetPublicityWorkingDaysAsync(3, "admin.test")).Succeeded);
        Assert.True((await grain.SetDayAsync(new DateOnly(2026, 10, 9), CalendarDayKind.Holiday, "区内补休", "admin.test")).Succeeded);

        var period = await grain.PublicityPeriodAsync(new DateTimeOffset(2026, 9, 30, 15, 0, 0, China));
        Assert.Equal((3, new DateOnly(2026, 10, 12)), (period.WorkingDays, period.LastDay)); // 10-08, 10-10 (Sat), 10-12

        var view = await grain.GetAsync();
        Assert.Equal((3, "区内补休", "admin.test"), (view.PublicityWorkingDays, Assert.Single(view.Amendments).Name, view.UpdatedBy));

        Assert.True((await grain.ResetDayAsync(new DateOnly(2026, 10, 9), "admin.test")).Succeeded);
        Assert.Empty((await grain.GetAsync()).Amendments);
    }

    [Fact]
    public async Task Refusals_say_why()
    {
        var grain = Grain(910_003);
        Assert.Equal("公示期应为1至30个工作日", Assert.Single((await grain.SetPublicityWorkingDaysAsync(0, "a")).Errors).Message);
        Assert.Equal("调休上班日只能是周六或周日",
            Assert.Single((await grain.SetDayAsync(new DateOnly(2026, 10, 14), CalendarDayKind.MakeUpWorkday, "", "a")).Errors).Message);
        Assert.Equal("2026-10-14 没有本区的调整", Assert.Single((await grain.ResetDayAsync(new DateOnly(2026, 10, 14), "a")).Errors).Message);
        Assert.Equal(0, (await grain.GetAsync()).Version);
    }
}
