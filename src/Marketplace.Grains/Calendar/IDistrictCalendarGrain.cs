using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Calendar;

/// <summary>
/// A district's working-day calendar (节假日安排) and the length of its 中标/成交结果公示 in working days.
/// Key: district id. Starts as the State Council's table (<see cref="OfficialHolidaySchedules"/>); the district
/// admin amends single dates.
/// </summary>
[Alias("marketplace.IDistrictCalendarGrain")]
public interface IDistrictCalendarGrain : IGrainWithIntegerKey
{
    [Alias("Get")] Task<DistrictCalendarView> GetAsync();

    /// <summary>Sets one date to 放假, 调休上班 or 按常规 (undoing the table's entry).</summary>
    [Alias("SetDay")] Task<Outcome> SetDayAsync(DateOnly date, CalendarDayKind kind, string name, string user);

    /// <summary>Drops the district's amendment of a date, so the State Council's table applies again.</summary>
    [Alias("ResetDay")] Task<Outcome> ResetDayAsync(DateOnly date, string user);

    [Alias("SetPublicityDays")] Task<Outcome> SetPublicityWorkingDaysAsync(int workingDays, string user);

    /// <summary>How many working days a drawn expert has to declare before 补抽 (财库〔2016〕198号; default 2).</summary>
    [Alias("SetDeclarationDays")] Task<Outcome> SetDeclarationWorkingDaysAsync(int workingDays, string user);

    /// <summary>The 公示 period of a result announced at <paramref name="announcedAt"/>.</summary>
    [Alias("PublicityPeriod")] Task<WorkingDayPeriod> PublicityPeriodAsync(DateTimeOffset announcedAt);
}

[GenerateSerializer, Immutable, Alias("marketplace.DistrictCalendarView")]
public sealed record DistrictCalendarView(
    [property: Id(0)] int PublicityWorkingDays,
    [property: Id(1)] ImmutableArray<CalendarDay> Amendments,
    [property: Id(2)] int Version,
    [property: Id(3)] string? UpdatedBy,
    [property: Id(4)] DateTimeOffset? UpdatedAt,
    [property: Id(5)] int DeclarationWorkingDays = Marketplace.Tendering.PanelRoster.DeclarationWorkingDays);
