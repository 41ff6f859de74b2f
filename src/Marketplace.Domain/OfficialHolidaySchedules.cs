namespace Marketplace.Domain;

/// <summary>
/// The State Council's yearly holiday schedules (国务院办公厅关于 N 年部分节假日安排的通知): the days off and
/// the make-up working days (调休上班). A district admin may amend its own copy (节假日安排); this is the default.
/// </summary>
/// <remarks>
/// Sources: 2025 — 国办发明电〔2024〕12号 (2024-11-12); 2026 — 国务院办公厅通知 of 2025-11-04 as published by
/// 新华社 (e.g. politics.gmw.cn/2025-11/04/content_38391083.htm). 2027 is provisional: its notice had not
/// been found when this table was written, so it lists only the statutory days of 《全国年节及纪念日放假办法》
/// (2024 revision, Art.2) by the lunar dates, with no 调休; a district admin corrects it once the notice is out.
/// </remarks>
public static class OfficialHolidaySchedules
{
    /// <summary>Years whose table is not yet the published notice.</summary>
    public static readonly IReadOnlySet<int> ProvisionalYears = new HashSet<int> { 2027 };

    public static readonly IReadOnlyList<CalendarDay> Days =
    [
        // ---- 2025 ----
        .. Off(2025, "元旦", (1, 1)),
        .. Off(2025, "春节", (1, 28), (1, 29), (1, 30), (1, 31), (2, 1), (2, 2), (2, 3), (2, 4)),
        .. Work(2025, "春节", (1, 26), (2, 8)),
        .. Off(2025, "清明节", (4, 4), (4, 5), (4, 6)),
        .. Off(2025, "劳动节", (5, 1), (5, 2), (5, 3), (5, 4), (5, 5)),
        .. Work(2025, "劳动节", (4, 27)),
        .. Off(2025, "端午节", (5, 31), (6, 1), (6, 2)),
        .. Off(2025, "国庆节、中秋节", (10, 1), (10, 2), (10, 3), (10, 4), (10, 5), (10, 6), (10, 7), (10, 8)),
        .. Work(2025, "国庆节、中秋节", (9, 28), (10, 11)),

        // ---- 2026 ----
        .. Off(2026, "元旦", (1, 1), (1, 2), (1, 3)),
        .. Work(2026, "元旦", (1, 4)),
        .. Off(2026, "春节", (2, 15), (2, 16), (2, 17), (2, 18), (2, 19), (2, 20), (2, 21), (2, 22), (2, 23)),
        .. Work(2026, "春节", (2, 14), (2, 28)),
        .. Off(2026, "清明节", (4, 4), (4, 5), (4, 6)),
        .. Off(2026, "劳动节", (5, 1), (5, 2), (5, 3), (5, 4), (5, 5)),
        .. Work(2026, "劳动节", (5, 9)),
        .. Off(2026, "端午节", (6, 19), (6, 20), (6, 21)),
        .. Off(2026, "中秋节", (9, 25), (9, 26), (9, 27)),
        .. Off(2026, "国庆节", (10, 1), (10, 2), (10, 3), (10, 4), (10, 5), (10, 6), (10, 7)),
        .. Work(2026, "国庆节", (9, 20), (10, 10)),

        // ---- 2027 (provisional: statutory days only) ----
        .. Off(2027, "元旦", (1, 1)),
        .. Off(2027, "春节", (2, 5), (2, 6), (2, 7), (2, 8)),
        .. Off(2027, "清明节", (4, 5)),
        .. Off(2027, "劳动节", (5, 1), (5, 2)),
        .. Off(2027, "端午节", (6, 9)),
        .. Off(2027, "中秋节", (9, 15)),
        .. Off(2027, "国庆节", (10, 1), (10, 2), (10, 3)),
    ];

    private static IEnumerable<CalendarDay> Off(int year, string name, params (int Month, int Day)[] days) =>
        days.Select(d => new CalendarDay(new DateOnly(year, d.Month, d.Day), CalendarDayKind.Holiday, name));

    private static IEnumerable<CalendarDay> Work(int year, string name, params (int Month, int Day)[] days) =>
        days.Select(d => new CalendarDay(new DateOnly(year, d.Month, d.Day), CalendarDayKind.MakeUpWorkday, name));
}
