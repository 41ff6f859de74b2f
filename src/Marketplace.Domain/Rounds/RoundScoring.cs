using System.Collections.Immutable;
using Marketplace.Tendering;

namespace Marketplace.Rounds;

/// <summary>
/// The panel's total of a proposal: per criterion the mean of the experts' points, kept to two decimals
/// (四舍五入, as <see cref="Scoring"/> does for tenders), then summed — so the published total equals the sum
/// of the published parts. There is no price score in a round.
/// </summary>
public static class RoundScoring
{
    /// <summary>criterion code → panel mean, and the total; <paramref name="sheets"/> holds one complete sheet per panel member.</summary>
    public static (ImmutableDictionary<string, decimal> Means, decimal Total) PanelTotal(
        ImmutableArray<ScoringCriterion> criteria, IReadOnlyCollection<IReadOnlyDictionary<string, CriterionScore>> sheets)
    {
        var means = criteria.ToImmutableDictionary(c => c.Code, c => Scoring.Round2(sheets.Average(s => s[c.Code].Points)));
        return (means, means.Values.Sum());
    }
}
