using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Tendering;

namespace Marketplace.Tests.Domain.Tendering;

public sealed class ScoringTests
{
    private static readonly ImmutableArray<ScoringCriterion> Criteria =
    [
        new("plan", "服务方案", 40m, false),
        new("team", "服务团队", 20m, false),
        new("exp", "服务经验", 10m, false),
        new("price", "价格", 30m, true),
    ];

    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Money Ceiling = Money.FromYuan(300_000m);

    private static Dictionary<string, CriterionScore> Sheet(decimal plan, decimal team, decimal exp) => new()
    {
        ["plan"] = new(plan, null), ["team"] = new(team, null), ["exp"] = new(exp, null),
    };

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, CriterionScore>>> Sheets(
        params (string Expert, string Applicant, Dictionary<string, CriterionScore> Sheet)[] rows) =>
        rows.GroupBy(r => r.Expert).ToDictionary(g => g.Key,
            g => (IReadOnlyDictionary<string, IReadOnlyDictionary<string, CriterionScore>>)g.ToDictionary(r => r.Applicant, r => (IReadOnlyDictionary<string, CriterionScore>)r.Sheet));

    /// <summary>
    /// Three valid applicants (乐家 280,000, 仁爱 250,000, 启明 190,000), one over the ceiling (320,000),
    /// three experts. Base price = 190,000 (lowest valid). Worked by hand:
    ///   price: 乐家 190000/280000×30 = 20.357… → 20.36; 仁爱 190000/250000×30 = 22.80; 启明 30.00
    ///   乐家: plan (36+35+34.5)/3 = 35.1666… → 35.17, team 53/3 → 17.67, exp 26/3 → 8.67; total 81.87
    ///   仁爱: plan 93/3 = 31.00, team 46/3 → 15.33, exp 23/3 → 7.67; total 76.80
    ///   启明: plan 84/3 = 28.00, team 42/3 = 14.00, exp 20/3 → 6.67; total 78.67
    ///   mean valid price 240,000; 80% = 192,000; 启明 190,000 is below → flagged abnormally low.
    /// </summary>
    [Fact]
    public void Worked_example_three_applicants_three_experts_scores_to_the_fen_and_ranks()
    {
        var over = Money.FromYuan(320_000m);
        ScoredApplicant[] applicants =
        [
            new("lejia", Money.FromYuan(280_000m), T0, null),
            new("renai", Money.FromYuan(250_000m), T0.AddMinutes(1), null),
            new("qiming", Money.FromYuan(190_000m), T0.AddMinutes(2), null),
            new("over", over, T0.AddMinutes(3), Scoring.CeilingReason(over, Ceiling)),
        ];
        var sheets = Sheets(
            ("e1", "lejia", Sheet(36m, 18m, 9m)), ("e1", "renai", Sheet(30m, 15m, 8m)), ("e1", "qiming", Sheet(28m, 14m, 7m)),
            ("e2", "lejia", Sheet(35m, 17m, 8m)), ("e2", "renai", Sheet(32m, 16m, 7m)), ("e2", "qiming", Sheet(27m, 13m, 7m)),
            ("e3", "lejia", Sheet(34.5m, 18m, 9m)), ("e3", "renai", Sheet(31m, 15m, 8m)), ("e3", "qiming", Sheet(29m, 15m, 6m)));

        var results = Scoring.Evaluate(Criteria, applicants, sheets).ToDictionary(r => r.ApplicantId);

        Assert.Equal(20.36m, results["lejia"].PriceScore);
        Assert.Equal(22.80m, results["renai"].PriceScore);
        Assert.Equal(30.00m, results["qiming"].PriceScore);

        Assert.Equal(35.17m, results["lejia"].CriterionScores["plan"]);
        Assert.Equal(17.67m, results["lejia"].CriterionScores["team"]);
        Assert.Equal(8.67m, results["lejia"].CriterionScores["exp"]);
        Assert.Equal(31.00m, results["renai"].CriterionScores["plan"]);
        Assert.Equal(15.33m, results["renai"].CriterionScores["team"]);
        Assert.Equal(7.67m, results["renai"].CriterionScores["exp"]);
        Assert.Equal(28.00m, results["qiming"].CriterionScores["plan"]);
        Assert.Equal(14.00m, results["qiming"].CriterionScores["team"]);
        Assert.Equal(6.67m, results["qiming"].CriterionScores["exp"]);

        Assert.Equal(81.87m, results["lejia"].Total);
        Assert.Equal(76.80m, results["renai"].Total);
        Assert.Equal(78.67m, results["qiming"].Total);

        Assert.Equal(1, results["lejia"].Rank);
        Assert.Equal(2, results["qiming"].Rank);
        Assert.Equal(3, results["renai"].Rank);

        // Flagged for the panel, still scored and ranked: never rejected automatically.
        Assert.True(results["qiming"].AbnormallyLow);
        Assert.False(results["lejia"].AbnormallyLow);
        Assert.False(results["renai"].AbnormallyLow);

        // Over the ceiling: marked with its reason, not scored, not ranked, and not the base price.
        Assert.Null(results["over"].Total);
        Assert.Null(results["over"].PriceScore);
        Assert.Null(results["over"].Rank);
        Assert.Equal("报价¥320,000.00超过最高限价¥300,000.00", results["over"].InvalidReason);
    }

    [Fact]
    public void Equal_totals_rank_the_lower_price_first_then_the_earlier_submission()
    {
        ImmutableArray<ScoringCriterion> criteria = [new("plan", "服务方案", 90m, false), new("price", "价格", 10m, true)];
        ScoredApplicant[] applicants =
        [
            new("dear", Money.FromYuan(125m), T0, null),                // 8.00 + 82 = 90.00
            new("cheap-late", Money.FromYuan(100m), T0.AddHours(2), null), // 10.00 + 80 = 90.00
            new("cheap-early", Money.FromYuan(100m), T0.AddHours(1), null), // 10.00 + 80 = 90.00
        ];
        var sheets = Sheets(
            ("e1", "dear", new() { ["plan"] = new(82m, null) }),
            ("e1", "cheap-late", new() { ["plan"] = new(80m, null) }),
            ("e1", "cheap-early", new() { ["plan"] = new(80m, null) }));

        var ranked = Scoring.Evaluate(criteria, applicants, sheets).OrderBy(r => r.Rank).ToList();

        Assert.All(ranked, r => Assert.Equal(90.00m, r.Total));
        Assert.Equal(["cheap-early", "cheap-late", "dear"], ranked.Select(r => r.ApplicantId));
    }

    [Fact]
    public void A_price_exactly_twenty_percent_below_the_mean_is_not_flagged()
    {
        ImmutableArray<ScoringCriterion> criteria = [new("plan", "服务方案", 90m, false), new("price", "价格", 10m, true)];
        // mean = 100; 80 is exactly 20% below: not "more than" 20% below.
        ScoredApplicant[] applicants =
        [
            new("a", Money.FromYuan(110m), T0, null), new("b", Money.FromYuan(110m), T0, null), new("c", Money.FromYuan(80m), T0, null),
        ];
        var sheet = new Dictionary<string, CriterionScore> { ["plan"] = new(60m, null) };
        var results = Scoring.Evaluate(criteria, applicants, Sheets(("e", "a", sheet), ("e", "b", sheet), ("e", "c", sheet)));
        Assert.DoesNotContain(results, r => r.AbnormallyLow);
    }

    [Fact]
    public void Scores_round_half_away_from_zero()
    {
        Assert.Equal(2.35m, Scoring.Round2(2.345m));
        Assert.Equal(8.67m, Scoring.Round2(26m / 3m));
    }

    [Fact]
    public void A_score_below_sixty_percent_of_the_weight_needs_a_comment()
    {
        var low = new Dictionary<string, CriterionScore> { ["plan"] = new(23.99m, null), ["team"] = new(12m, null), ["exp"] = new(6m, null) };
        var error = Assert.Single(Scoring.ValidateSheet(Criteria, low));
        Assert.Equal("plan", error.Field);
        Assert.Contains("60%", error.Message);

        low["plan"] = new(23.99m, "方案缺少需求分析");
        Assert.Empty(Scoring.ValidateSheet(Criteria, low));
    }

    [Theory]
    [InlineData(40.01, "得分应在0至40分之间")]
    [InlineData(-1, "得分应在0至40分之间")]
    [InlineData(30.005, "最多两位小数")]
    public void A_score_outside_the_weight_is_refused(decimal plan, string message)
    {
        var sheet = new Dictionary<string, CriterionScore> { ["plan"] = new(plan, null), ["team"] = new(12m, null), ["exp"] = new(6m, null) };
        Assert.Contains(Scoring.ValidateSheet(Criteria, sheet), e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Experts_cannot_score_the_price()
    {
        var sheet = new Dictionary<string, CriterionScore>
        {
            ["plan"] = new(30m, null), ["team"] = new(12m, null), ["exp"] = new(6m, null), ["price"] = new(30m, null),
        };
        Assert.Contains(Scoring.ValidateSheet(Criteria, sheet), e => e.Message.Contains("价格分由系统计算", StringComparison.Ordinal));
    }
}
