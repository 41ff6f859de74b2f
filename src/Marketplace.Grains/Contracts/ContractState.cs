using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;

namespace Marketplace.Contracts;

/// <summary>Where a contract stands (合同状态). Closed and Terminated are final.</summary>
public enum ContractStatus
{
    Drafted = 0,           // 草拟
    Signed = 1,            // 已签订
    InService = 2,         // 服务中
    MidTermEvaluated = 3,  // 已中期评估
    FinalEvaluated = 4,    // 已末期评估
    Closed = 5,            // 已结项
    Terminated = 6,        // 已终止
    /// <summary>An evaluation failed once and its 整改 re-evaluation is open (held tranche); after it, the evaluated stage.</summary>
    Rectifying = 7,        // 整改中
}

/// <summary>Where a tranche stands: planned (not yet due or payable), paid, held (不合格, in 整改) or released back to available.</summary>
public enum TrancheStatus
{
    Planned = 0, // 待支付
    Paid = 1,    // 已支付
    Held = 2,    // 暂缓支付（整改中）
    Released = 3, // 已收回（退回可用预算）
}

/// <summary>The organization's account the street pays into (收款账户).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.BankAccount")]
public sealed record BankAccount([property: Id(0)] string Bank, [property: Id(1)] string AccountName, [property: Id(2)] string AccountNumber);

[GenerateSerializer, Immutable, Alias("marketplace.Signature")]
public sealed record Signature([property: Id(0)] string By, [property: Id(1)] DateTimeOffset At);

/// <summary>付款指令: what the street's finance office pays, and the reference it quotes.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.PaymentInstruction")]
public sealed record PaymentInstruction(
    [property: Id(0)] string Payee,
    [property: Id(1)] BankAccount Account,
    [property: Id(2)] Money Amount,
    [property: Id(3)] string Reference,
    [property: Id(4)] string ConfirmedBy,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] Guid PostingGroupId);

[GenerateSerializer, Immutable, Alias("marketplace.Tranche")]
public sealed record Tranche(
    [property: Id(0)] int No,
    [property: Id(1)] TrancheGate Gate,
    [property: Id(2)] decimal SharePercent,
    [property: Id(3)] Money Amount,
    [property: Id(4)] ImmutableArray<SourceAmount> Split,
    [property: Id(5)] TrancheStatus Status,
    /// <summary>When the progress report of a gated tranche is due (null for the signing tranche).</summary>
    [property: Id(6)] DateOnly? ReportDue,
    [property: Id(7)] PaymentInstruction? Payment,
    [property: Id(8)] EvaluationGrade? Grade);

/// <summary>A numbered version of the contract's terms: who changed what, when and why (合同变更).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ContractAmendment")]
public sealed record ContractAmendment(
    [property: Id(0)] int No,
    [property: Id(1)] string What,
    [property: Id(2)] string Reason,
    [property: Id(3)] string By,
    [property: Id(4)] DateTimeOffset At);

/// <summary>进度报告 with service records, filed by the organization before an evaluation.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ProgressReport")]
public sealed record ProgressReport(
    [property: Id(0)] int TrancheNo,
    [property: Id(1)] int Round,
    [property: Id(2)] int PeopleServed,
    [property: Id(3)] int Activities,
    [property: Id(4)] ImmutableDictionary<string, int> UnitsDelivered,
    [property: Id(5)] string Summary,
    /// <summary>Files through the organization's document store (copied or uploaded, as for applications, ADR 0012);
    /// read only by the organization, the contract's street and district and its assigned evaluators.</summary>
    [property: Id(6)] ImmutableArray<Marketplace.Tendering.ApplicationAttachment> Attachments,
    [property: Id(7)] string By,
    [property: Id(8)] DateTimeOffset At);

/// <summary>One source's scores of one evaluation.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.SourceScore")]
public sealed record SourceScore(
    [property: Id(0)] EvaluationSource Source,
    [property: Id(1)] ImmutableDictionary<string, decimal> Indicators,
    [property: Id(2)] decimal Score,
    [property: Id(3)] string By,
    [property: Id(4)] DateTimeOffset At,
    /// <summary>群众评: the survey's sample size (its mean is the score).</summary>
    [property: Id(5)] int? SampleSize);

/// <summary>The evaluation gating one tranche; round 2 is the re-evaluation after 整改.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ContractEvaluation")]
public sealed record ContractEvaluation(
    [property: Id(0)] int TrancheNo,
    [property: Id(1)] int Round,
    [property: Id(2)] DateOnly Due,
    [property: Id(3)] ImmutableDictionary<EvaluationSource, SourceScore> Scores,
    [property: Id(4)] decimal? Total,
    [property: Id(5)] EvaluationGrade? Grade,
    /// <summary>Why it failed without being scored (no report by the due date).</summary>
    [property: Id(6)] string? Note,
    [property: Id(7)] DateTimeOffset? DecidedAt)
{
    public bool Decided => Grade is not null;
}

/// <summary>申诉 against a failed evaluation's consequences, decided once by the district admin.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ContractAppeal")]
public sealed record ContractAppeal(
    [property: Id(0)] string Text,
    [property: Id(1)] string FiledBy,
    [property: Id(2)] DateTimeOffset FiledAt,
    [property: Id(3)] bool? Upheld,
    [property: Id(4)] string? Decision,
    [property: Id(5)] string? DecidedBy,
    [property: Id(6)] DateTimeOffset? DecidedAt);

/// <summary>Recipient: "org:{uscc}", "user:{userName}", "street:{id}" or "district:{id}" (copied into Notifications).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ContractNotification")]
public sealed record ContractNotification(
    [property: Id(0)] Guid Id, [property: Id(1)] string Recipient, [property: Id(2)] string Text, [property: Id(3)] DateTimeOffset At);

/// <summary>Persisted state of one contract. Replaced whole on every change.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ContractState")]
public sealed record ContractState
{
    [Id(0)] public bool Created { get; init; }
    [Id(1)] public Guid TenderId { get; init; }
    [Id(2)] public long StreetId { get; init; }
    [Id(3)] public long DistrictId { get; init; }
    [Id(4)] public string Title { get; init; } = "";
    /// <summary>服务内容 copied from the notice; 服务方案 from the winning proposal.</summary>
    [Id(5)] public string Content { get; init; } = "";
    [Id(6)] public string Deliverables { get; init; } = "";
    [Id(7)] public string Uscc { get; init; } = "";
    [Id(8)] public string OrganizationName { get; init; } = "";
    [Id(9)] public BankAccount? Account { get; init; }
    [Id(10)] public Money Amount { get; init; }
    [Id(11)] public ImmutableArray<SourceAmount> Funding { get; init; } = [];
    [Id(12)] public DateOnly TermStart { get; init; }
    [Id(13)] public DateOnly TermEnd { get; init; }
    [Id(14)] public string? LongTermReason { get; init; }
    [Id(15)] public ImmutableArray<ServiceUnit> Units { get; init; } = [];
    [Id(16)] public ImmutableArray<Tranche> Tranches { get; init; } = [];
    [Id(17)] public ContractStatus Status { get; init; }
    [Id(18)] public int Version { get; init; }
    [Id(19)] public Signature? StreetSignature { get; init; }
    [Id(20)] public Signature? OrganizationSignature { get; init; }
    [Id(21)] public ImmutableArray<ContractAmendment> Amendments { get; init; } = [];
    [Id(22)] public ImmutableArray<ProgressReport> Reports { get; init; } = [];
    [Id(23)] public ImmutableArray<ContractEvaluation> Evaluations { get; init; } = [];
    /// <summary>Organizations that applied for the same purchase: never assigned as 互评.</summary>
    [Id(24)] public ImmutableArray<string> Competitors { get; init; } = [];
    [Id(25)] public ImmutableArray<string> PeerUsccs { get; init; } = [];
    [Id(26)] public ImmutableArray<string> Evaluators { get; init; } = [];
    [Id(27)] public ImmutableArray<SourceSheet> Sheets { get; init; } = [];
    [Id(28)] public int RectificationDays { get; init; }
    [Id(29)] public string? TerminationReason { get; init; }
    [Id(30)] public ContractAppeal? Appeal { get; init; }
    [Id(31)] public ImmutableArray<ContractNotification> Notifications { get; init; } = [];
    [Id(32)] public DateTimeOffset CreatedAt { get; init; }
    [Id(33)] public string CreatedBy { get; init; } = "";
    [Id(34)] public string ServiceAreaCode { get; init; } = "";
    [Id(35)] public Guid? NegativeEntryId { get; init; }
    [Id(36)] public int Year { get; init; }
    /// <summary>Days before a report's due date the organization is reminded (from the district's settings when drafted).</summary>
    [Id(40)] public int ReminderDays { get; init; }
    /// <summary>Reminders sent, "{trancheNo}:{round}": each is sent once however often its timed work runs.</summary>
    [Id(41)] public ImmutableArray<string> Reminded { get; init; } = [];
    /// <summary>The 公益创投 round the contract was funded by (its money is held by the round's pool); null for a tender.</summary>
    [Id(37)] public Guid? RoundId { get; init; }
    /// <summary>Services residents ordered from the service menu and the organization delivered, one per order (counted in 服务完成度).</summary>
    [Id(42)] public ImmutableArray<MenuDelivery> MenuDeliveries { get; init; } = [];

    /// <summary>The evaluation now open (or last decided) for a tranche: the highest round.</summary>
    public ContractEvaluation? EvaluationOf(int trancheNo) =>
        Evaluations.Where(e => e.TrancheNo == trancheNo).OrderByDescending(e => e.Round).FirstOrDefault();
}
