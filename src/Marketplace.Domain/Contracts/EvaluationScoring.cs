using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Contracts;

/// <summary>Who scores a delivered service (多元评估主体).</summary>
public enum EvaluationSource
{
    Self = 1,       // 自评: the organization itself
    Peer = 2,       // 互评: a peer organization the district assigns
    Public = 3,     // 群众评: residents' ratings (survey sample size and mean)
    ThirdParty = 4, // 第三方评: 评估机构 or experts (role Evaluator)
}

/// <summary>等级 on the 100-point scale.</summary>
public enum EvaluationGrade
{
    Fail = 1,      // 不合格 (< 60)
    Pass = 2,      // 合格 (60–79.99)
    Good = 3,      // 良好 (80–89.99)
    Excellent = 4, // 优秀 (≥ 90)
}

/// <summary>One indicator of a source's sheet (e.g. 服务完成度 30) with its weight in points.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.Indicator")]
public sealed record Indicator([property: Id(0)] string Code, [property: Id(1)] string Name, [property: Id(2)] decimal Weight);

/// <summary>A source's weight in the total (points of 100) and its indicator sheet (weights summing to 100).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.SourceSheet")]
public sealed record SourceSheet(
    [property: Id(0)] EvaluationSource Source,
    [property: Id(1)] decimal Weight,
    [property: Id(2)] ImmutableArray<Indicator> Indicators);

/// <summary>
/// Performance evaluation of a delivered service: each source scores its own indicator sheet on 100
/// points; the total is the weighted sum of the sources, every score an exact decimal to two places
/// (四舍五入), graded ≥ 90 优秀, 80–89.99 良好, 60–79.99 合格, below 60 不合格.
/// </summary>
public static class EvaluationScoring
{
    public const string CompletionCode = "completion"; // 服务完成度

    private static ImmutableArray<Indicator> Sheet => [
        new(CompletionCode, "服务完成度", 30m), new("quality", "服务质量", 30m), new("satisfaction", "满意度", 20m),
        new("finance", "财务规范", 10m), new("archives", "档案管理", 10m)];

    /// <summary>自评 10 / 互评 10 / 群众评 30 / 第三方评 50 (a district may configure its own; the sum stays 100).</summary>
    public static ImmutableArray<SourceSheet> Default { get; } =
    [
        new(EvaluationSource.Self, 10m, Sheet),
        new(EvaluationSource.Peer, 10m, Sheet),
        new(EvaluationSource.Public, 30m, [new("satisfaction", "满意度", 100m)]),
        new(EvaluationSource.ThirdParty, 50m, Sheet),
    ];

    public static string Chinese(this EvaluationSource source) => source switch
    {
        EvaluationSource.Self => "自评",
        EvaluationSource.Peer => "互评",
        EvaluationSource.Public => "群众评",
        EvaluationSource.ThirdParty => "第三方评",
        _ => source.ToString(),
    };

    public static string Chinese(this EvaluationGrade grade) => grade switch
    {
        EvaluationGrade.Excellent => "优秀",
        EvaluationGrade.Good => "良好",
        EvaluationGrade.Pass => "合格",
        EvaluationGrade.Fail => "不合格",
        _ => grade.ToString(),
    };

    public static EvaluationGrade Grade(decimal total) => total switch
    {
        >= 90m => EvaluationGrade.Excellent,
        >= 80m => EvaluationGrade.Good,
        >= 60m => EvaluationGrade.Pass,
        _ => EvaluationGrade.Fail,
    };

    public static bool Passed(this EvaluationGrade grade) => grade != EvaluationGrade.Fail;

    /// <summary>Source weights sum to 100, each source once; each sheet's indicator weights sum to 100.</summary>
    public static ImmutableArray<FieldError> ValidateSheets(IReadOnlyList<SourceSheet> sheets)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (sheets.Select(s => s.Source).Distinct().Count() != sheets.Count)
        {
            errors.Add(new("Sheets", "每个评估主体只能设置一次"));
        }
        var weights = sheets.Sum(s => s.Weight);
        if (weights != 100m || sheets.Any(s => s.Weight < 0m))
        {
            errors.Add(new("Sheets", $"各评估主体权重之和应为100，现为 {weights:0.##}"));
        }
        foreach (var s in sheets)
        {
            var sum = s.Indicators.Sum(i => i.Weight);
            if (sum != 100m || s.Indicators.Any(i => i.Weight <= 0m))
            {
                errors.Add(new("Sheets", $"{s.Source.Chinese()}指标权重之和应为100，现为 {sum:0.##}"));
            }
        }
        return errors.ToImmutable();
    }

    /// <summary>Every indicator scored once, from 0 to its weight, at most two decimals.</summary>
    public static ImmutableArray<FieldError> ValidateScores(SourceSheet sheet, IReadOnlyDictionary<string, decimal> scores)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        foreach (var i in sheet.Indicators)
        {
            if (!scores.TryGetValue(i.Code, out var score))
            {
                errors.Add(new(i.Code, $"请为“{i.Name}”打分"));
            }
            else if (score < 0m || score > i.Weight)
            {
                errors.Add(new(i.Code, $"“{i.Name}”的得分应在0至{i.Weight:0.##}分之间"));
            }
            else if (decimal.Round(score, 2) != score)
            {
                errors.Add(new(i.Code, $"“{i.Name}”的得分最多两位小数"));
            }
        }
        if (scores.Keys.Any(k => sheet.Indicators.All(i => i.Code != k)))
        {
            errors.Add(new("", "评分表中有不属于该评估主体的指标"));
        }
        return errors.ToImmutable();
    }

    /// <summary>A source's score on 100: the sum of its indicator scores.</summary>
    public static decimal SourceScore(IReadOnlyDictionary<string, decimal> scores) => scores.Values.Sum();

    /// <summary>The total on 100: Σ source score × source weight / 100, rounded to two decimals.</summary>
    public static decimal Total(IReadOnlyList<SourceSheet> sheets, IReadOnlyDictionary<EvaluationSource, decimal> sourceScores) =>
        decimal.Round(sheets.Sum(s => sourceScores[s.Source] * s.Weight) / 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>服务完成度 in points: the indicator's weight times the delivered share, to two decimals.</summary>
    public static decimal CompletionPoints(decimal weight, decimal completionPercent) =>
        decimal.Round(weight * Math.Min(completionPercent, 100m) / 100m, 2, MidpointRounding.AwayFromZero);
}

/// <summary>星级评定: from the last three final grades, their mean rounded half up to 1–5 stars.</summary>
public static class StarRating
{
    public const int Considered = 3;

    /// <summary>Points of a grade: 优秀 5, 良好 4, 合格 3, 不合格 1.</summary>
    public static int Points(EvaluationGrade grade) => grade switch
    {
        EvaluationGrade.Excellent => 5,
        EvaluationGrade.Good => 4,
        EvaluationGrade.Pass => 3,
        _ => 1,
    };

    /// <summary>Null when the organization has no final grade yet; grades oldest first.</summary>
    public static int? Stars(IReadOnlyList<EvaluationGrade> finalGradesOldestFirst)
    {
        var last = finalGradesOldestFirst.TakeLast(Considered).ToList();
        if (last.Count == 0)
        {
            return null;
        }
        var mean = (decimal)last.Sum(Points) / last.Count;
        return (int)decimal.Round(mean, 0, MidpointRounding.AwayFromZero);
    }

    /// <summary>优秀 gives priority (优先): the organization's latest final grade is 优秀.</summary>
    public static bool Priority(IReadOnlyList<EvaluationGrade> finalGradesOldestFirst) =>
        finalGradesOldestFirst.Count > 0 && finalGradesOldestFirst[^1] == EvaluationGrade.Excellent;

    /// <summary>The stars as the directory prints them, e.g. ★★★★☆ for 4.</summary>
    public static string Text(int stars) => new string('★', stars) + new string('☆', 5 - stars);
}
