using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Tendering;

namespace Marketplace.Rounds;

public enum RoundStatus
{
    Draft = 0,      // 草稿
    Open = 1,       // 申报中
    Closed = 2,     // 申报截止
    Screening = 3,  // 初审
    Review = 4,     // 专家评审 / 路演
    Selection = 5,  // 择优立项
    Publicity = 6,  // 立项公示
    Contracts = 7,  // 签约
    Cancelled = 8,  // 已取消
}

/// <summary>Who runs a round: a street, or the district for several streets (then <see cref="StreetId"/> is null).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.RoundOrganizer")]
public sealed record RoundOrganizer([property: Id(0)] long DistrictId, [property: Id(1)] long? StreetId);

/// <summary>初审: eligible or not, always with the reviewer's reason.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ScreeningDecision")]
public sealed record ScreeningDecision(
    [property: Id(0)] bool Passed, [property: Id(1)] string Reason, [property: Id(2)] string By, [property: Id(3)] DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("marketplace.RoundApplication")]
public sealed record RoundApplication(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Uscc,
    [property: Id(2)] string OrganizationName,
    [property: Id(3)] RoundProposal Proposal,
    [property: Id(4)] DateTimeOffset SubmittedAt,
    [property: Id(5)] string SubmittedBy,
    [property: Id(6)] ScreeningDecision? Screening);

[GenerateSerializer, Immutable, Alias("marketplace.RoundObjection")]
public sealed record RoundObjection(
    [property: Id(0)] int No,
    [property: Id(1)] Guid ApplicationId,
    [property: Id(2)] string Uscc,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] bool? Upheld,
    [property: Id(6)] string? Answer);

/// <summary>Persisted state of one round. Applications live only here (sealed): no read model copies them.</summary>
[GenerateSerializer, Alias("marketplace.VentureRoundState")]
public sealed record VentureRoundState
{
    [Id(0)] public bool Created { get; init; }
    [Id(1)] public RoundOrganizer Organizer { get; init; } = new(0, null);
    [Id(2)] public RoundSettings? Settings { get; init; }
    [Id(3)] public RoundStatus Status { get; init; }
    [Id(4)] public int Version { get; init; }
    [Id(5)] public ImmutableArray<RoundApplication> Applications { get; init; } = [];
    [Id(6)] public PanelRecord? Panel { get; init; }
    /// <summary>expert → application → criterion code → score.</summary>
    [Id(7)] public ImmutableDictionary<Guid, ImmutableDictionary<Guid, ImmutableDictionary<string, CriterionScore>>> Scores { get; init; } =
        ImmutableDictionary<Guid, ImmutableDictionary<Guid, ImmutableDictionary<string, CriterionScore>>>.Empty;
    /// <summary>Panel totals, frozen when selection starts.</summary>
    [Id(8)] public ImmutableDictionary<Guid, decimal> Totals { get; init; } = ImmutableDictionary<Guid, decimal>.Empty;
    [Id(9)] public ImmutableDictionary<Guid, AmountAdjustment> Adjustments { get; init; } = ImmutableDictionary<Guid, AmountAdjustment>.Empty;
    [Id(10)] public ImmutableHashSet<Guid> Withdrawn { get; init; } = [];
    [Id(11)] public ImmutableArray<RoundObjection> Objections { get; init; } = [];
    [Id(12)] public WorkingDayPeriod? Publicity { get; init; }
    [Id(13)] public ImmutableHashSet<Guid> Contracts { get; init; } = [];
    [Id(14)] public string? EndReason { get; init; }
    [Id(15)] public DateTimeOffset? OpenedAt { get; init; }
    [Id(16)] public string CreatedBy { get; init; } = "";
    /// <summary>The funded set as 公示 showed it when the 公示 ended: what the contracts are made from.</summary>
    [Id(17)] public SelectionResult? Final { get; init; }
    /// <summary>Failed openings whose held shares were given back: part of the ledger keys, so a retry posts afresh.</summary>
    [Id(18)] public int OpenAttempts { get; init; }
    /// <summary>Funded projects whose contract was never signed and whose money went back to available.</summary>
    [Id(19)] public ImmutableHashSet<Guid> Unsigned { get; init; } = [];
    /// <summary>When 立项公示 ended plus the round's signing days: a funded project not signed by then is released (timed work).</summary>
    [Id(20)] public DateTimeOffset? SigningDueAt { get; init; }
    /// <summary>What the round told its applicants (the tenders' notification record), copied into Notifications by its projection.</summary>
    [Id(21)] public ImmutableArray<TenderNotification> Notifications { get; init; } = [];
    /// <summary>创投补录: the names of the panel that scored the round on paper, shown in its 立项公示 (a recorded round has no drawn panel).</summary>
    [Id(22)] public ImmutableArray<string> RecordedExperts { get; init; } = [];
}
