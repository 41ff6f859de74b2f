using System.Collections.Immutable;

namespace Marketplace.Contracts;

/// <summary>A comment is shown publicly only after the street's moderation (审核); a rating without one needs none.</summary>
public enum RatingModeration
{
    NoComment = 0,
    Pending = 1,   // 待审核
    Published = 2, // 已公开
    Rejected = 3,  // 不予公开
}

[GenerateSerializer, Immutable, Alias("marketplace.ResidentRating")]
public sealed record ResidentRating(
    [property: Id(0)] Guid Id,
    /// <summary>The evaluation period: "{trancheNo}:{round}" of the evaluation open when it was given.</summary>
    [property: Id(1)] string Period,
    [property: Id(2)] string PhoneKey,
    [property: Id(3)] string MaskedPhone,
    [property: Id(4)] int Stars,
    [property: Id(5)] string? Comment,
    [property: Id(6)] RatingModeration Moderation,
    [property: Id(7)] DateTimeOffset At,
    [property: Id(8)] string? ModeratedBy);

[GenerateSerializer, Immutable, Alias("marketplace.RatingCode")]
public sealed record RatingCode(
    [property: Id(0)] string PhoneKey,
    [property: Id(1)] string Period,
    [property: Id(2)] string CodeHash,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] int Attempts);

/// <summary>群众评 of one period: how many residents rated, their mean and the score on 100.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.RatingSummary")]
public sealed record RatingSummary([property: Id(0)] string Period, [property: Id(1)] int Count, [property: Id(2)] decimal? MeanStars, [property: Id(3)] decimal? Score);

[GenerateSerializer, Immutable, Alias("marketplace.ContractRatingsState")]
public sealed record ContractRatingsState
{
    [Id(0)] public ImmutableArray<ResidentRating> Ratings { get; init; } = [];
    [Id(1)] public ImmutableArray<RatingCode> Codes { get; init; } = [];
}

public static class RatingPeriods
{
    /// <summary>The evaluation open now (the earliest undecided), whose period residents rate; null when none is open.</summary>
    public static ContractEvaluation? OpenEvaluation(this ContractState c) =>
        c.Status is ContractStatus.Drafted or ContractStatus.Terminated or ContractStatus.Closed ? null
            : c.Tranches.Select(t => c.EvaluationOf(t.No)).FirstOrDefault(e => e is { Decided: false });

    public static string Period(this ContractEvaluation e) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{e.TrancheNo}:{e.Round}");
}
