using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Persistence;
using Marketplace.Tendering;

namespace Marketplace.Calendar;

public sealed class DistrictCalendarGrain(
    [PersistentState("districtCalendar", StorageNames.Marketplace)] IPersistentState<DistrictCalendarState> state,
    TimeProvider clock) : Grain, IDistrictCalendarGrain
{
    /// <summary>
    /// 中标/成交结果公示 lasts 5 working days in this product unless the district sets otherwise (the pilots'
    /// practice; 87号令 Art.69 sets 1 working day as the legal minimum for the 结果公告).
    /// </summary>
    public const int DefaultPublicityWorkingDays = 5;

    public const int MaxPublicityWorkingDays = 30;

    /// <summary>More than two weeks would leave a tender waiting on one silent expert for longer than its own window.</summary>
    public const int MaxDeclarationWorkingDays = 10;

    private DistrictCalendarState S => state.State;

    private int PublicityDays => S.PublicityWorkingDays > 0 ? S.PublicityWorkingDays : DefaultPublicityWorkingDays;

    private int DeclarationDays => S.DeclarationWorkingDays > 0 ? S.DeclarationWorkingDays : PanelRoster.DeclarationWorkingDays;

    public Task<DistrictCalendarView> GetAsync() =>
        Task.FromResult(new DistrictCalendarView(PublicityDays, S.Amendments, S.Version, S.UpdatedBy, S.UpdatedAt, DeclarationDays));

    public async Task<Outcome> SetDayAsync(DateOnly date, CalendarDayKind kind, string name, string user)
    {
        if (!Enum.IsDefined(kind))
        {
            return Outcome.Fail("Kind", "请选择放假、调休上班或按常规");
        }
        var label = name?.Trim() ?? "";
        if (label.Length > 20)
        {
            return Outcome.Fail("Name", "名称不能超过20个字");
        }
        if (kind == CalendarDayKind.MakeUpWorkday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            return Outcome.Fail("Kind", "调休上班日只能是周六或周日");
        }
        var entry = new CalendarDay(date, kind, label.Length == 0 ? (kind == CalendarDayKind.Holiday ? "放假" : "调整") : label);
        await CommitAsync(S.Amendments.RemoveAll(d => d.Date == date).Add(entry).Sort((a, b) => a.Date.CompareTo(b.Date)), PublicityDays, user);
        return Outcome.Ok;
    }

    public async Task<Outcome> ResetDayAsync(DateOnly date, string user)
    {
        if (!S.Amendments.Any(d => d.Date == date))
        {
            return Outcome.Fail("", $"{date:yyyy-MM-dd} 没有本区的调整");
        }
        await CommitAsync(S.Amendments.RemoveAll(d => d.Date == date), PublicityDays, user);
        return Outcome.Ok;
    }

    public async Task<Outcome> SetPublicityWorkingDaysAsync(int workingDays, string user)
    {
        if (workingDays is < 1 or > MaxPublicityWorkingDays)
        {
            return Outcome.Fail("PublicityWorkingDays", $"公示期应为1至{MaxPublicityWorkingDays}个工作日");
        }
        await CommitAsync(S.Amendments, workingDays, user);
        return Outcome.Ok;
    }

    public async Task<Outcome> SetDeclarationWorkingDaysAsync(int workingDays, string user)
    {
        if (workingDays is < 1 or > MaxDeclarationWorkingDays)
        {
            return Outcome.Fail("DeclarationWorkingDays", $"声明期限应为1至{MaxDeclarationWorkingDays}个工作日");
        }
        await state.CommitAsync(S with { DeclarationWorkingDays = workingDays, Version = S.Version + 1, UpdatedBy = user, UpdatedAt = clock.GetUtcNow() });
        return Outcome.Ok;
    }

    public Task<WorkingDayPeriod> PublicityPeriodAsync(DateTimeOffset announcedAt) =>
        Task.FromResult(new ChineseWorkCalendar(OfficialHolidaySchedules.Days, S.Amendments).Period(announcedAt, PublicityDays));

    private Task CommitAsync(ImmutableArray<CalendarDay> amendments, int publicityDays, string user) =>
        state.CommitAsync(S with
        {
            Amendments = amendments, PublicityWorkingDays = publicityDays, Version = S.Version + 1,
            UpdatedBy = user, UpdatedAt = clock.GetUtcNow(),
        });
}
