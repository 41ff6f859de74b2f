namespace Marketplace.Organizations;

/// <summary>Why an organization landed on the negative-information list (负面信息清单).</summary>
public enum NegativeSource
{
    EvaluationFailure = 1, // 评估不合格
    Breach = 2,            // 违约
    ComplaintUpheld = 3,   // 投诉查实
    Other = 4,             // 其他
}

public static class NegativeSourceNames
{
    public static string Chinese(this NegativeSource source) => source switch
    {
        NegativeSource.EvaluationFailure => "评估不合格",
        NegativeSource.Breach => "违约",
        NegativeSource.ComplaintUpheld => "投诉查实",
        NegativeSource.Other => "其他",
        _ => source.ToString(),
    };
}

/// <summary>What the caller supplies for a new negative entry.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.NegativeEntryDraft")]
public sealed record NegativeEntryDraft(
    [property: Id(0)] NegativeSource Source,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateOnly StartsOn,
    [property: Id(3)] DateOnly? EndsOn,
    /// <summary>Shown on the public directory only when the district decides to publish it.</summary>
    [property: Id(4)] bool Published,
    /// <summary>The record that caused it (e.g. a contract or evaluation id), when there is one.</summary>
    [property: Id(5)] string? SourceReference);

/// <summary>An entry of the negative-information list. Active on the days from StartsOn to EndsOn inclusive.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.NegativeEntry")]
public sealed record NegativeEntry(
    [property: Id(0)] Guid Id,
    [property: Id(1)] NegativeEntryDraft Fields,
    [property: Id(2)] string RecordedBy,
    [property: Id(3)] DateTimeOffset RecordedAt,
    [property: Id(4)] DateTimeOffset? RevokedAt,
    [property: Id(5)] string? RevokedBy,
    [property: Id(6)] string? RevokeReason)
{
    public bool IsActiveOn(DateOnly day) =>
        RevokedAt is null && Fields.StartsOn <= day && (Fields.EndsOn is not { } end || day <= end);
}
