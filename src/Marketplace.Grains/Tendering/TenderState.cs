using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Tendering;

/// <summary>What an organization offers (申请材料).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ApplicationProposal")]
public sealed record ApplicationProposal(
    [property: Id(0)] Money Price,
    [property: Id(1)] string ServicePlan,
    [property: Id(2)] string Team,
    [property: Id(3)] int CertifiedSocialWorkers,
    [property: Id(4)] string Experience,
    [property: Id(5)] ImmutableArray<string> Documents) // required documents the applicant provides
{
    /// <summary>The files attached (申请附件); none on applications stored before attachments existed.</summary>
    [Id(6)] public ImmutableArray<ApplicationAttachment> Attachments { get; init; } = [];
}

/// <summary>One organization's application: the latest revision counts.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.TenderApplication")]
public sealed record TenderApplication(
    [property: Id(0)] string Uscc,
    [property: Id(1)] string OrganizationName,
    [property: Id(2)] ApplicationProposal Proposal,
    [property: Id(3)] int Revision,
    [property: Id(4)] DateTimeOffset SubmittedAt,
    [property: Id(5)] bool Withdrawn,
    [property: Id(6)] string SubmittedBy);

/// <summary>What a submit answers; a retry with the same idempotency key gets the same receipt.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ApplicationReceipt")]
public sealed record ApplicationReceipt(
    [property: Id(0)] string Uscc, [property: Id(1)] int Revision, [property: Id(2)] DateTimeOffset SubmittedAt);

// PanelMember, PanelRecord and their rules: Marketplace.Domain/Tendering (PanelRecord.cs, PanelRoster.cs).

/// <summary>The panel's decision on an abnormally low price: accept with an explanation, or reject.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.LowPriceDecision")]
public sealed record LowPriceDecision([property: Id(0)] bool Accepted, [property: Id(1)] string Explanation, [property: Id(2)] string DecidedBy);

/// <summary>The award the street official confirmed, and why when it is not the top-ranked application.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.TenderAward")]
public sealed record TenderAward(
    [property: Id(0)] string Uscc,
    [property: Id(1)] string OrganizationName,
    [property: Id(2)] Money Price,
    [property: Id(3)] decimal Total,
    [property: Id(4)] string? NotTopReason,
    [property: Id(5)] DateTimeOffset AwardedAt,
    [property: Id(6)] DateTimeOffset PublicityEndsAt,
    [property: Id(7)] string AwardedBy,
    [property: Id(8)] int PublicityWorkingDays = 0)
{
    /// <summary>The China date of the 公示's last day (it ends at 24:00 of that day).</summary>
    public DateOnly PublicityLastDay() => WorkingDayPeriod.LastDayOf(PublicityEndsAt);

    /// <summary>How every page states the 公示 period: announced on, last day, and its length in working days.</summary>
    public string PublicityText()
    {
        var announced = ChinaTime.Day(AwardedAt);
        var length = PublicityWorkingDays > 0 ? $"，共{PublicityWorkingDays}个工作日" : "";
        return $"{announced:yyyy-MM-dd} 发布，至 {PublicityLastDay():yyyy-MM-dd} 24:00 止{length}";
    }
}

/// <summary>A 质疑 filed during 公示 and the street's answer.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.Objection")]
public sealed record Objection(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Uscc,
    [property: Id(2)] string Text,
    [property: Id(3)] DateTimeOffset FiledAt,
    [property: Id(4)] string? Answer,
    [property: Id(5)] DateTimeOffset? AnsweredAt);

/// <summary>
/// An in-app message; its id is time-ordered (UUIDv7) so new rows append at the end of the table's key
/// instead of landing on random pages (a rush writes thousands of receipts a second). Recipient: see <see cref="Marketplace.Domain.Recipient"/>.
/// The projection copies these into the Notifications table, which a mailer can read too.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.TenderNotification")]
public sealed record TenderNotification(
    [property: Id(0)] Guid Id, [property: Id(1)] Recipient Recipient, [property: Id(2)] string Text, [property: Id(3)] DateTimeOffset At);

/// <summary>Persisted state of one tender. Replaced whole on every change.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.TenderState")]
public sealed record TenderState
{
    [Id(0)] public bool Created { get; init; }
    [Id(1)] public long StreetId { get; init; }
    [Id(2)] public long DistrictId { get; init; }
    [Id(3)] public TenderNotice? Notice { get; init; }
    [Id(4)] public TenderStatus Status { get; init; }
    [Id(5)] public int Version { get; init; }
    [Id(6)] public DateTimeOffset CreatedAt { get; init; }
    [Id(7)] public DateTimeOffset? PublishedAt { get; init; }
    [Id(8)] public DateTimeOffset? ClosedAt { get; init; }
    [Id(9)] public string? EndReason { get; init; } // why it failed or was cancelled
    /// <summary>Sealed until the deadline: never copied into a read model before <see cref="ClosedAt"/>.</summary>
    [Id(10)] public ImmutableDictionary<string, TenderApplication> Applications { get; init; } = ImmutableDictionary<string, TenderApplication>.Empty;
    [Id(11)] public ImmutableDictionary<string, ApplicationReceipt> SubmitKeys { get; init; } = ImmutableDictionary<string, ApplicationReceipt>.Empty;
    [Id(12)] public ImmutableDictionary<string, string> InvalidReasons { get; init; } = ImmutableDictionary<string, string>.Empty;
    [Id(13)] public PanelRecord? Panel { get; init; }
    /// <summary>Expert id → applicant USCC → criterion code → score.</summary>
    [Id(14)] public ImmutableDictionary<Guid, ImmutableDictionary<string, ImmutableDictionary<string, CriterionScore>>> Scores { get; init; } =
        ImmutableDictionary<Guid, ImmutableDictionary<string, ImmutableDictionary<string, CriterionScore>>>.Empty;
    [Id(15)] public ImmutableDictionary<string, LowPriceDecision> LowPriceDecisions { get; init; } = ImmutableDictionary<string, LowPriceDecision>.Empty;
    [Id(16)] public ImmutableArray<ApplicantResult> Results { get; init; } = [];
    [Id(17)] public TenderAward? Award { get; init; }
    [Id(18)] public ImmutableArray<Objection> Objections { get; init; } = [];
    [Id(19)] public ImmutableArray<TenderNotification> Notifications { get; init; } = [];
    [Id(20)] public string CreatedBy { get; init; } = "";
    /// <summary>The new tender a failed one was run again as.</summary>
    [Id(21)] public Guid? RerunAs { get; init; }
    /// <summary>The single-source decision a failed tender was switched to (the other follow-up to a re-run).</summary>
    [Id(22)] public SingleSourceRecord? SingleSource { get; init; }

    public IEnumerable<TenderApplication> Active => Applications.Values.Where(a => !a.Withdrawn);
}
