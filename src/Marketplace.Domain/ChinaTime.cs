using System.Globalization;

namespace Marketplace.Domain;

/// <summary>
/// Beijing time (UTC+8, no daylight saving): what officials and applicants read on every notice, and the
/// calendar day and year the rules count in. Instants are stored in UTC; they become China time only here.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Local(DateTimeOffset at) => at.ToOffset(Offset);

    /// <summary>The calendar day in China (negative entries, 公示 and service periods count in these).</summary>
    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    /// <summary>The instant (UTC) a China calendar day ends: a period "至 yyyy-MM-dd 24:00 止" ends here.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) =>
        new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>The budget year in China.</summary>
    public static int Year(DateTimeOffset at) => at.ToOffset(Offset).Year;

    /// <summary>"2026-03-01 09:00", as every page shows a time.</summary>
    public static string Minutes(DateTimeOffset? at) =>
        at is { } t ? t.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
}
