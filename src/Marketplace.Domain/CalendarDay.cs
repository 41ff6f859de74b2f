namespace Marketplace.Domain;

/// <summary>How one date of the official calendar differs from an ordinary week (Mon–Fri work, Sat–Sun rest).</summary>
public enum CalendarDayKind
{
    /// <summary>按常规：an amendment that undoes a table entry, so the weekday rule applies again.</summary>
    Ordinary = 0,

    /// <summary>放假：a statutory holiday or a day moved into a holiday (放假调休), no work.</summary>
    Holiday = 1,

    /// <summary>调休上班：a Saturday or Sunday worked to make up for a moved day.</summary>
    MakeUpWorkday = 2,
}

/// <summary>One entry of the holiday table: a date, what it is, and the holiday it belongs to (e.g. 春节).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.CalendarDay")]
public sealed record CalendarDay(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] CalendarDayKind Kind,
    [property: Id(2)] string Name);
