using System.Collections.Immutable;

namespace Marketplace.Grid;

/// <summary>
/// The figures the pilots report (庄市街道: 13,657 matters, 99.74% closed on time, 4,680 ratings, 99.25% very
/// satisfied), defined once here for the dashboard, the JSON and the PDF. On-time rate = closed on time ÷ closed
/// (escalated matters count as closed when sent up); very-satisfied rate = 非常满意 ÷ ratings. Rates are percent
/// with two decimals (四舍五入), null when there is nothing to divide by.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.MatterFigures")]
public sealed record MatterFigures(
    [property: Id(0)] int Matters,
    [property: Id(1)] int Closed,
    [property: Id(2)] int ClosedOnTime,
    [property: Id(3)] int Overdue,
    [property: Id(4)] int Ratings,
    [property: Id(5)] int VerySatisfied,
    [property: Id(6)] ImmutableArray<int> RatingCounts)
{
    public decimal? OnTimeRate => Rate(ClosedOnTime, Closed);

    public decimal? VerySatisfiedRate => Rate(VerySatisfied, Ratings);

    public static MatterFigures Of(IEnumerable<Matter> matters)
    {
        var list = matters.ToList();
        var closed = list.Where(m => !m.IsOpen).ToList();
        var rated = list.Where(m => m.Rating is not null).ToList();
        return new MatterFigures(
            list.Count, closed.Count, closed.Count(m => m.OnTime), list.Count(m => !m.OverdueStages.IsDefaultOrEmpty),
            rated.Count, rated.Count(m => m.Rating == Satisfaction.VerySatisfied),
            [.. Enum.GetValues<Satisfaction>().Select(s => rated.Count(m => m.Rating == s))]);
    }

    public static MatterFigures Sum(IEnumerable<MatterFigures> parts)
    {
        var list = parts.ToList();
        return new MatterFigures(list.Sum(p => p.Matters), list.Sum(p => p.Closed), list.Sum(p => p.ClosedOnTime), list.Sum(p => p.Overdue),
            list.Sum(p => p.Ratings), list.Sum(p => p.VerySatisfied),
            [.. Enumerable.Range(0, 4).Select(i => list.Sum(p => p.RatingCounts.IsDefaultOrEmpty ? 0 : p.RatingCounts[i]))]);
    }

    private static decimal? Rate(int part, int whole) =>
        whole == 0 ? null : Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);

    /// <summary>A rate as the pages and the PDF show it ("99.74%", "—" when nothing to count).</summary>
    public static string Percent(decimal? rate) => rate is { } r ? r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}
