using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Contracts;

/// <summary>What the street official sets when drafting a contract from an award; an empty schedule takes the district's default.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ContractDraft")]
public sealed record ContractDraft(
    [property: Id(0)] long StreetId,
    [property: Id(1)] DateOnly TermStart,
    [property: Id(2)] DateOnly TermEnd,
    [property: Id(3)] string? LongTermReason,
    [property: Id(4)] ImmutableArray<TranchePlan> Schedule,
    [property: Id(5)] ImmutableArray<ServiceUnit> Units,
    [property: Id(6)] Guid? RoundId = null); // set: a 公益创投 round's funded project (contract id = application id), not a tender

/// <summary>
/// 合同补录: a contract a street signed on paper before its purchase ran on the platform, entered from the paper
/// record so that its delivery, evaluations and payments are managed here. Nothing is held for it yet: signing
/// commits from what is available.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.ContractRecord")]
public sealed record ContractRecord(
    [property: Id(0)] long StreetId,
    [property: Id(1)] long DistrictId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Content,
    [property: Id(4)] string Deliverables,
    [property: Id(5)] string Uscc,
    [property: Id(6)] string ServiceAreaCode,
    [property: Id(7)] Money Amount,
    [property: Id(8)] ImmutableArray<Marketplace.Budgets.SourceAmount> Funding,
    [property: Id(9)] ContractDraft Terms,
    /// <summary>The paper contract's number (合同编号), kept in the first version's record.</summary>
    [property: Id(10)] string PaperNumber);

/// <summary>A progress report with its service records and the organization's self-evaluation (自评) sheet.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ReportDraft")]
public sealed record ReportDraft(
    [property: Id(0)] int TrancheNo,
    [property: Id(1)] int PeopleServed,
    [property: Id(2)] int Activities,
    [property: Id(3)] ImmutableDictionary<string, int> UnitsDelivered,
    [property: Id(4)] string Summary,
    [property: Id(5)] ImmutableArray<Marketplace.Tendering.ApplicationAttachment> Attachments,
    [property: Id(6)] ImmutableDictionary<string, decimal> SelfScores);

/// <summary>
/// One service contract (政府购买服务合同) from drafting to closing. Key: the contract id (Guid); a contract
/// made from an award takes the tender's id, so one award can never become two contracts. The only
/// writer of the contract's signatures, reports, evaluations and tranches; it moves the money through the
/// street's budget grain with one idempotency key per movement. Commands that name a street, district or
/// organization are refused as "合同不存在" when the contract is not theirs.
/// </summary>
[Alias("marketplace.IContractGrain")]
public interface IContractGrain : IGrainWithGuidKey
{
    /// <summary>The contract, or null before it is created.</summary>
    [Alias("Get")] Task<ContractState?> GetAsync();

    /// <summary>Drafts the contract from the tender of the same id, which must be 待签约, or, with
    /// <see cref="ContractDraft.RoundId"/>, from that round's funded project of the same id after its 立项公示.</summary>
    [Alias("CreateFromAward")] Task<Outcome<ContractState>> CreateFromAwardAsync(ContractDraft draft, string user);

    /// <summary>
    /// 合同补录 from a paper record (key: a new id; the contract's TenderId is its own id, as there is no purchase
    /// on the platform). The street's official enters it; the organization must be in the directory.
    /// </summary>
    [Alias("CreateFromRecord")] Task<Outcome<ContractState>> CreateFromRecordAsync(ContractRecord record, string user);

    [Alias("EditSchedule")] Task<Outcome<ContractState>> EditScheduleAsync(long streetId, int expectedVersion, ImmutableArray<TranchePlan> schedule, string user);

    [Alias("SignAsStreet")] Task<Outcome<ContractState>> SignAsStreetAsync(long streetId, string user);

    /// <summary>The organization's member signs after the street and names the account to be paid; the organization is checked again.</summary>
    [Alias("SignAsOrganization")] Task<Outcome<ContractState>> SignAsOrganizationAsync(string uscc, BankAccount account, string user);

    /// <summary>The street official confirms a payable tranche: disbursement posting and payment instruction.</summary>
    [Alias("PayTranche")] Task<Outcome<PaymentInstruction>> PayTrancheAsync(long streetId, int trancheNo, string user);

    [Alias("FileReport")] Task<Outcome<ContractState>> FileReportAsync(string uscc, ReportDraft report, string user);

    /// <summary>
    /// One attachment of the contract's progress reports, or null when the reader may not see it: the contracted
    /// organization, an official of the contract's street or district (<see cref="Marketplace.Tendering.AttachmentReader.Official"/>, decided
    /// by the page) and the evaluators assigned to its evaluation; never another organization (a 互评 peer included).
    /// </summary>
    [Alias("GetReportAttachment")] Task<Marketplace.Tendering.ApplicationAttachment?> GetReportAttachmentAsync(Guid attachmentId, Marketplace.Tendering.AttachmentReader reader);

    /// <summary>The district assigns the 互评 organizations and the 第三方评 evaluators.</summary>
    [Alias("Assign")] Task<Outcome<ContractState>> AssignAsync(long districtId, ImmutableArray<string> peerUsccs, ImmutableArray<string> evaluators, string user);

    /// <summary>
    /// A score sheet of one source for the open evaluation of a tranche. <paramref name="scorer"/> is the peer's
    /// USCC (互评) or the evaluator's user name (第三方评, and 群众评 entered from the survey with its sample size).
    /// </summary>
    [Alias("Score")] Task<Outcome<ContractState>> ScoreAsync(int trancheNo, EvaluationSource source, string scorer,
        ImmutableDictionary<string, decimal> indicators, int? sampleSize);

    /// <summary>Timed work at a report's due date: an evaluation with no report fails, once. Safe to run twice.</summary>
    [Alias("ReportOverdue")] Task<Outcome> ReportOverdueAsync(int trancheNo, int round);

    /// <summary>Timed work some days before a report's due date: reminds the organization once, unless the report is in. Safe to run twice.</summary>
    [Alias("RemindReport")] Task<Outcome> RemindReportAsync(int trancheNo, int round);

    /// <summary>
    /// A resident's menu order the organization delivered (one unit of the order's service), counted in 服务完成度.
    /// Recorded once per order: a second call for the same order changes nothing.
    /// </summary>
    [Alias("RecordMenuDelivery")] Task<Outcome> RecordMenuDeliveryAsync(string uscc, Guid orderId, string unitCode, string user);

    [Alias("FileAppeal")] Task<Outcome<ContractState>> FileAppealAsync(string uscc, string text, string user);

    [Alias("DecideAppeal")] Task<Outcome<ContractState>> DecideAppealAsync(long districtId, bool upheld, string reason, string user);

    [Alias("Terminate")] Task<Outcome<ContractState>> TerminateAsync(long streetId, string reason, string user);

    /// <summary>A new numbered version of the amount or term; an increase of a signed contract is committed from what is available.</summary>
    [Alias("Amend")] Task<Outcome<ContractState>> AmendAsync(long streetId, int expectedVersion, Money amount, DateOnly termEnd,
        string? longTermReason, string reason, string user);
}

/// <summary>
/// Report due dates as timed work (the database row is the truth, docs/decisions/0001). Staged, not written:
/// stored in the same transaction as the grain's next state write, so call it right before that write (0011).
/// </summary>
public interface IContractTimers
{
    public const string ReportDueKind = "contract.report-due";

    public const string ReportReminderKind = "contract.report-reminder";

    Task ScheduleReportDueAsync(Guid contractId, int trancheNo, int round, DateTimeOffset dueAt);

    Task ScheduleReportReminderAsync(Guid contractId, int trancheNo, int round, DateTimeOffset remindAt);
}
