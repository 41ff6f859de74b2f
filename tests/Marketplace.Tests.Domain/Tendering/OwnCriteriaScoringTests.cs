using Marketplace.Tendering;

namespace Marketplace.Tests.Domain.Tendering;

/// <summary>综合评分法 over a notice's own five criteria: the panel means and the price score add up to the published total.</summary>
public sealed class OwnCriteriaScoringTests
{
    [Fact]
    public void Five_own_criteria_are_scored_by_their_codes_and_weights()
    {
        var criteria = ScoringCriteria.Build(
            [(null, "服务方案", 30m, null), (null, "项目团队", 20m, null), (null, "同类经验", 15m, null), (null, "风险防控", 10m, null), (null, "资源整合", 5m, null)], 20m);
        var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
        ScoredApplicant[] applicants =
        [
            new("lejia", Marketplace.Domain.Money.FromYuan(280_000m), at, null),
            new("renai", Marketplace.Domain.Money.FromYuan(250_000m), at.AddMinutes(1), null),
        ];
        decimal[][][] points =
        [
            [[27m, 18m, 13m, 9m, 4.5m], [24m, 15m, 11m, 7m, 4m]],
            [[28m, 17m, 14m, 8m, 4m], [25m, 16m, 12m, 8m, 4m]],
            [[26m, 18m, 12m, 9m, 5m], [23m, 14m, 10m, 7m, 3m]],
        ];
        var codes = criteria.NonPrice().Select(c => c.Code).ToList();
        var sheets = Enumerable.Range(0, 3).ToDictionary(m => $"e{m}", m =>
            (IReadOnlyDictionary<string, IReadOnlyDictionary<string, CriterionScore>>)applicants.Select((a, i) => (a.ApplicantId, i)).ToDictionary(
                x => x.ApplicantId, x => (IReadOnlyDictionary<string, CriterionScore>)codes.Select((c, k) => (c, k)).ToDictionary(y => y.c, y => new CriterionScore(points[m][x.i][y.k], null))));

        var results = Scoring.Evaluate(criteria, applicants, sheets).ToDictionary(r => r.ApplicantId);

        Assert.Equal([27.00m, 17.67m, 13.00m, 8.67m, 4.50m], codes.Select(c => results["lejia"].CriterionScores[c]));
        Assert.Equal((17.86m, 88.70m, 1), (results["lejia"].PriceScore!.Value, results["lejia"].Total!.Value, results["lejia"].Rank!.Value));
        Assert.Equal((20.00m, 81.00m, 2), (results["renai"].PriceScore!.Value, results["renai"].Total!.Value, results["renai"].Rank!.Value));
    }
}
