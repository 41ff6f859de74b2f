using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Tendering;

/// <summary>One expert's score of one criterion for one application, with the reason when it is low.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.CriterionScore")]
public sealed record CriterionScore([property: Id(0)] decimal Points, [property: Id(1)] string? Comment);

/// <summary>An application as scoring sees it: who, at what price, when, and why it is invalid if it is.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ScoredApplicant")]
public sealed record ScoredApplicant(
    [property: Id(0)] string ApplicantId,
    [property: Id(1)] Money Price,
    [property: Id(2)] DateTimeOffset SubmittedAt,
    [property: Id(3)] string? InvalidReason);

/// <summary>The outcome of 综合评分法 for one application. Invalid ones carry no scores and no rank.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ApplicantResult")]
public sealed record ApplicantResult(
    [property: Id(0)] string ApplicantId,
    [property: Id(1)] Money Price,
    [property: Id(2)] decimal? PriceScore,
    [property: Id(3)] ImmutableDictionary<string, decimal> CriterionScores, // code → panel mean
    [property: Id(4)] decimal? Total,
    [property: Id(5)] int? Rank,
    [property: Id(6)] bool AbnormallyLow,
    [property: Id(7)] string? InvalidReason);

/// <summary>
/// 综合评分法 (87号令 Art.55, 财库〔2014〕214号 Art.24). Every score is exact decimal and kept to two
/// decimals, rounded half away from zero (四舍五入) like money, so the published totals add up to the
/// published parts.
/// </summary>
public static class Scoring
{
    /// <summary>A score below this share of a criterion's weight needs a written reason.</summary>
    public const decimal CommentBelowShare = 0.6m;

    /// <summary>A price more than this share below the mean of valid prices is flagged (never rejected by itself).</summary>
    public const decimal AbnormallyLowShare = 0.2m;

    public static decimal Round2(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Checks one expert's sheet for one application: every non-price criterion, within its weight.</summary>
    public static ImmutableArray<FieldError> ValidateSheet(
        ImmutableArray<ScoringCriterion> criteria, IReadOnlyDictionary<string, CriterionScore> sheet)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        foreach (var c in criteria.Where(c => !c.IsPrice))
        {
            if (!sheet.TryGetValue(c.Code, out var s))
            {
                errors.Add(new(c.Code, $"请为“{c.Name}”打分"));
            }
            else if (s.Points < 0m || s.Points > c.Weight)
            {
                errors.Add(new(c.Code, $"“{c.Name}”的得分应在0至{c.Weight:0.##}分之间"));
            }
            else if (decimal.Round(s.Points, 2) != s.Points)
            {
                errors.Add(new(c.Code, $"“{c.Name}”的得分最多两位小数"));
            }
            else if (s.Points < c.Weight * CommentBelowShare && string.IsNullOrWhiteSpace(s.Comment))
            {
                errors.Add(new(c.Code, $"“{c.Name}”得分低于该项分值的60%，请填写评分理由"));
            }
        }
        if (sheet.Keys.Any(k => !criteria.Any(c => c.Code == k && !c.IsPrice)))
        {
            errors.Add(new("", "价格分由系统计算，只能为非价格因素打分"));
        }
        return errors.ToImmutable();
    }

    /// <summary>
    /// Scores and ranks. <paramref name="sheets"/> maps expert → applicant → criterion code → score and
    /// must hold a complete sheet from every panel member for every valid application.
    /// </summary>
    public static ImmutableArray<ApplicantResult> Evaluate(
        ImmutableArray<ScoringCriterion> criteria,
        IReadOnlyCollection<ScoredApplicant> applicants,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, CriterionScore>>> sheets)
    {
        var price = criteria.Single(c => c.IsPrice);
        var valid = applicants.Where(a => a.InvalidReason is null).ToList();
        var results = new List<ApplicantResult>();
        var low = AbnormallyLow([.. valid.Select(a => (a.ApplicantId, a.Price))]);
        if (valid.Count > 0)
        {
            // 评标基准价 = the lowest valid price.
            var basePrice = valid.Min(a => a.Price.Yuan);
            foreach (var a in valid)
            {
                var means = criteria.Where(c => !c.IsPrice).ToImmutableDictionary(c => c.Code, c =>
                    Round2(sheets.Values.Average(bySheet => bySheet[a.ApplicantId][c.Code].Points)));
                var priceScore = Round2(basePrice / a.Price.Yuan * price.Weight);
                results.Add(new ApplicantResult(a.ApplicantId, a.Price, priceScore, means,
                    priceScore + means.Values.Sum(), null, low.Contains(a.ApplicantId), null));
            }
        }
        var submitted = applicants.ToDictionary(a => a.ApplicantId, a => a.SubmittedAt);
        // Ranking: total descending, then lower price, then earlier submission.
        var ranked = results
            .OrderByDescending(r => r.Total)
            .ThenBy(r => r.Price.Yuan)
            .ThenBy(r => submitted[r.ApplicantId])
            .Select((r, i) => r with { Rank = i + 1 });
        var invalid = applicants.Where(a => a.InvalidReason is not null).Select(a => new ApplicantResult(
            a.ApplicantId, a.Price, null, ImmutableDictionary<string, decimal>.Empty, null, null, false, a.InvalidReason));
        return [.. ranked, .. invalid];
    }

    /// <summary>Prices more than 20% below the mean of the given (valid) prices: to be explained, never rejected by this alone.</summary>
    public static HashSet<string> AbnormallyLow(IReadOnlyCollection<(string ApplicantId, Money Price)> valid)
    {
        if (valid.Count == 0)
        {
            return [];
        }
        var mean = valid.Average(a => a.Price.Yuan);
        return [.. valid.Where(a => a.Price.Yuan < mean * (1m - AbnormallyLowShare)).Select(a => a.ApplicantId)];
    }

    /// <summary>The applications with a price over the ceiling, marked invalid (87号令 Art.63: 报价超过最高限价).</summary>
    public static string? CeilingReason(Money price, Money ceiling) =>
        price > ceiling ? $"报价{price}超过最高限价{ceiling}" : null;
}
