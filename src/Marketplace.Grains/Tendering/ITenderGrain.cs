using System.Collections.Immutable;
using Marketplace.Domain;
using Orleans.Concurrency;

namespace Marketplace.Tendering;

/// <summary>What anyone allowed to see the tender may see: never an application, nor how many there are.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.TenderInfo")]
public sealed record TenderInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] long StreetId,
    [property: Id(2)] long DistrictId,
    [property: Id(3)] TenderNotice Notice,
    [property: Id(4)] TenderStatus Status,
    [property: Id(5)] int Version,
    [property: Id(6)] DateTimeOffset? PublishedAt,
    [property: Id(7)] DateTimeOffset? ClosedAt,
    [property: Id(8)] string? EndReason,
    [property: Id(9)] TenderAward? Award,
    [property: Id(10)] Guid? RerunAs,
    [property: Id(11)] SingleSourceRecord? SingleSource,
    [property: Id(12)] string? CreatedBy = null);

/// <summary>An applicant as the street official and the panel see it after the deadline.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ApplicantSummary")]
public sealed record ApplicantSummary(
    [property: Id(0)] string Uscc, [property: Id(1)] string OrganizationName, [property: Id(2)] DateTimeOffset SubmittedAt,
    [property: Id(3)] string? InvalidReason)
{
    [Id(4)] public ImmutableArray<ApplicationAttachment> Attachments { get; init; } = [];
}

/// <summary>What the buying street's tender page shows, read in one grain call.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.TenderStreetView")]
public sealed record TenderStreetView(
    [property: Id(0)] TenderInfo Info,
    [property: Id(1)] ImmutableArray<ApplicantSummary> Applicants,
    [property: Id(2)] PanelRecord? Panel,
    [property: Id(3)] Outcome<ImmutableArray<ApplicantResult>>? Evaluation,
    [property: Id(4)] ImmutableArray<Objection> Objections);

/// <summary>What an applicant organization's page shows, read in one grain call.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.TenderApplicantView")]
public sealed record TenderApplicantView(
    [property: Id(0)] TenderInfo Info,
    [property: Id(1)] TenderApplication? Own,
    [property: Id(2)] ImmutableArray<ApplicantResult> Results);

/// <summary>
/// One purchase (采购项目) from notice to ready-for-contract. Key: the tender id (Guid). Owns the
/// lifecycle, the sealed applications, the panel, the scores, the award and the objections. Experts
/// are named by their user name; organizations by their 统一社会信用代码.
/// </summary>
[Alias("marketplace.ITenderGrain")]
public interface ITenderGrain : IGrainWithGuidKey
{
    [Alias("Create")] Task<Outcome<TenderInfo>> CreateAsync(long streetId, long districtId, TenderNotice notice, string user);

    [Alias("UpdateNotice")] Task<Outcome<TenderInfo>> UpdateNoticeAsync(int expectedVersion, TenderNotice notice, string user);

    [Alias("Publish")] Task<Outcome<TenderInfo>> PublishAsync(int expectedVersion, string user);

    [Alias("Cancel")] Task<Outcome<TenderInfo>> CancelAsync(string reason, string user);

    /// <summary>Closes at the deadline; does nothing before it or when already closed (safe to run twice).</summary>
    [Alias("Close")] Task<Outcome<TenderInfo>> CloseAsync();

    /// <summary>
    /// A street official's action in one call: refused as not found when the tender is another street's
    /// (the caller's street comes from the sign-in), else the command's own outcome (ADR 0008).
    /// </summary>
    [Alias("ActAsStreet")] Task<StreetCommandResult> ActAsStreetAsync(StreetCaller caller, StreetTenderCommand command);

    [Alias("GetInfo")] Task<TenderInfo?> GetInfoAsync();

    /// <summary>The buying street's page in one call: the tender, its applicants (after the deadline), panel, evaluation and objections.</summary>
    [Alias("GetStreetView")] Task<TenderStreetView?> GetStreetViewAsync();

    /// <summary>An organization's page in one call: the tender, its own application (sealed to anyone else) and the published results.</summary>
    [Alias("GetApplicantView")] Task<TenderApplicantView?> GetApplicantViewAsync(string uscc);

    /// <summary>A failed purchase is run again as a new draft (same notice, a new window of the same length from now).</summary>
    [Alias("Rerun")] Task<Outcome<TenderInfo>> RerunAsync(Guid newTenderId, string user);

    /// <summary>
    /// A failed purchase, not re-run, switched to single-source (单一来源) with one eligible organization, a
    /// negotiated price within the ceiling and a recorded reason; the decision goes into 公示.
    /// </summary>
    [Alias("SwitchToSingleSource")] Task<Outcome<TenderInfo>> SwitchToSingleSourceAsync(string uscc, Money price, string reason, string user);

    /// <summary>
    /// Interleaves with other calls: it is checked on the grain's thread, then waits for the group commit
    /// that makes it durable, while the next submissions are checked (ADR 0007). The applicant's name is the
    /// directory's, asked of the organization with its eligibility in one call.
    /// </summary>
    [AlwaysInterleave]
    [Alias("SubmitApplication")] Task<Outcome<ApplicationReceipt>> SubmitAsync(string uscc, ApplicationProposal proposal, string idempotencyKey, string user);

    [AlwaysInterleave]
    [Alias("Withdraw")] Task<Outcome> WithdrawAsync(string uscc, string user);

    /// <summary>The applicant's own application (the latest revision), for that applicant only.</summary>
    [Alias("GetOwnApplication")] Task<TenderApplication?> GetOwnApplicationAsync(string uscc);

    /// <summary>
    /// One attached file, for its applicant at any time; after the deadline also for the buying street's or the
    /// district's official and a panel member who declared no conflict. Anyone else: null (the page answers 404).
    /// </summary>
    [Alias("GetAttachment")] Task<ApplicationAttachment?> GetAttachmentAsync(Guid attachmentId, AttachmentReader reader);

    /// <summary>The applicants, once the deadline has passed; refused before.</summary>
    [Alias("GetApplicants")] Task<Outcome<ImmutableArray<ApplicantSummary>>> GetApplicantsAsync();

    /// <summary>
    /// The applications with their prices for the district's supervision (区管理员 sees all streets), only
    /// once the deadline has closed the tender: before it they are sealed (SPEC §3.3).
    /// </summary>
    [Alias("GetClosedApplications")] Task<Outcome<ImmutableArray<TenderApplication>>> GetClosedApplicationsAsync();

    [Alias("RequestPanel")] Task<Outcome<PanelRecord>> RequestPanelAsync(int size, string user);

    [Alias("GetPanel")] Task<PanelRecord?> GetPanelAsync();

    /// <summary>An expert's declaration: no conflict, or a conflict (with its reason) that recuses them.</summary>
    [Alias("Declare")] Task<Outcome> DeclareAsync(string expertUser, bool conflict, string? reason);

    /// <summary>A drawn expert declines to sit (拒绝); the next in the recorded draw order takes the seat.</summary>
    [Alias("Decline")] Task<Outcome> DeclineAsync(string expertUser, string? reason);

    /// <summary>
    /// The buying street's official replaces a member who has not declared (with a reason) or whom the district
    /// has disabled in its pool (已停用); the next in the recorded draw order takes the seat (补抽).
    /// </summary>
    [Alias("ReplaceMember")] Task<Outcome> ReplaceMemberAsync(Guid expertId, string? reason, string user);

    /// <summary>重新抽取: the empty seats, once the recorded order ran out, drawn with a new recorded seed from experts never on this panel.</summary>
    [Alias("RedrawPanel")] Task<Outcome> RedrawPanelAsync(string user);

    /// <summary>The member's declaration time is up: replaced as 超时未声明 if still undeclared; safe to run twice.</summary>
    [Alias("DeclarationOverdue")] Task<Outcome> DeclarationOverdueAsync(Guid expertId);

    /// <summary>The applications in full, only for a panel member who declared no conflict.</summary>
    [Alias("GetApplicationsForExpert")] Task<Outcome<ImmutableArray<TenderApplication>>> GetApplicationsForExpertAsync(string expertUser);

    [Alias("GetOwnScores")] Task<ImmutableDictionary<string, ImmutableDictionary<string, CriterionScore>>> GetExpertScoresAsync(string expertUser);

    /// <summary>
    /// A member's sheet for one applicant. Interleaves with other saves: each is checked on the grain's thread,
    /// then waits for the group commit that makes it durable (TenderGrain.Scoring.cs, ADR 0007).
    /// </summary>
    [AlwaysInterleave]
    [Alias("Score")] Task<Outcome> ScoreAsync(string expertUser, string uscc, ImmutableDictionary<string, CriterionScore> sheet);

    [Alias("DecideLowPrice")] Task<Outcome> DecideLowPriceAsync(string expertUser, string uscc, bool accept, string explanation);

    /// <summary>Scores and ranking once every sitting member has scored every valid application.</summary>
    [Alias("GetEvaluation")] Task<Outcome<ImmutableArray<ApplicantResult>>> GetEvaluationAsync();

    [Alias("ConfirmAward")] Task<Outcome<TenderInfo>> ConfirmAwardAsync(string uscc, string? notTopReason, string user);

    [Alias("GetResults")] Task<ImmutableArray<ApplicantResult>> GetPublishedResultsAsync();

    [Alias("FileObjection")] Task<Outcome<Objection>> FileObjectionAsync(string uscc, string text);

    [Alias("AnswerObjection")] Task<Outcome> AnswerObjectionAsync(Guid objectionId, string answer, string user);

    [Alias("GetObjections")] Task<ImmutableArray<Objection>> GetObjectionsAsync();

    /// <summary>Ends 公示 when due and no objection is open; safe to run twice.</summary>
    [Alias("EndPublicity")] Task<Outcome<TenderInfo>> EndPublicityAsync();
}
