using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Budgets;

/// <summary>The document a movement comes from: a budget version, a contract, a payment tranche, an adjustment.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.DocumentRef")]
public sealed record DocumentRef([property: Id(0)] string Type, [property: Id(1)] string Id)
{
    public override string ToString() => $"{DocumentTypes.Chinese(Type)} {Id}";
}

public static class DocumentTypes
{
    public const string Budget = "budget";          // 年度预算
    public const string Contract = "contract";      // 合同
    public const string Tranche = "tranche";        // 付款节点
    public const string Adjustment = "adjustment";  // 调整 / 冲正

    public static string Chinese(string type) => type switch
    {
        Budget => "年度预算",
        Contract => "合同",
        Tranche => "付款节点",
        Adjustment => "调整",
        _ => type,
    };
}

/// <summary>One funding source's share of an amount.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.SourceAmount")]
public sealed record SourceAmount([property: Id(0)] FundingSource Source, [property: Id(1)] Money Amount);

/// <summary>One line of a posting group: a signed amount on one account of one funding source.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.Posting")]
public sealed record Posting(
    [property: Id(0)] FundingSource Source,
    [property: Id(1)] LedgerAccountKind Account,
    [property: Id(2)] Money Amount);

/// <summary>
/// One movement of money: postings that sum to zero, written once and never changed. A mistake is
/// corrected by a new group that reverses it (<see cref="Reverses"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.PostingGroup")]
public sealed record PostingGroup(
    [property: Id(0)] Guid Id,
    [property: Id(1)] int Sequence,
    [property: Id(2)] PostingKind Kind,
    [property: Id(3)] string IdempotencyKey,
    [property: Id(4)] string Reason,
    [property: Id(5)] string User,
    [property: Id(6)] DocumentRef Document,
    [property: Id(7)] DocumentRef? Commitment,       // the contract a disbursement or release draws on
    [property: Id(8)] string? ServiceAreaCode,
    [property: Id(9)] Guid? Reverses,
    [property: Id(10)] DateTimeOffset At,
    [property: Id(11)] ImmutableArray<Posting> Postings)
{
    public bool Balances => Money.Sum(Postings.Select(p => p.Amount)).IsZero;
}

/// <summary>Commit budget to a signed contract (合同签订), split across funding sources.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.CommitRequest")]
public sealed record CommitRequest(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] DocumentRef Contract,
    [property: Id(2)] string ServiceAreaCode,
    [property: Id(3)] bool PublicWelfare, // 公益项目: some funding sources may pay only for these
    [property: Id(4)] Money Total,
    [property: Id(5)] ImmutableArray<SourceAmount> Split,
    [property: Id(6)] string Reason,
    [property: Id(7)] string User);

/// <summary>
/// Move committed money of a contract on: disbursed (a tranche released after its evaluation, 评估兑现) or
/// released back to available (a tranche withheld, a contract cancelled or under-spent).
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.MovementRequest")]
public sealed record MovementRequest(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] DocumentRef Contract,
    [property: Id(2)] DocumentRef Document,
    [property: Id(3)] Money Total,
    [property: Id(4)] ImmutableArray<SourceAmount> Split,
    [property: Id(5)] string Reason,
    [property: Id(6)] string User);

/// <summary>Correct a posted group by posting its exact opposite.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ReversalRequest")]
public sealed record ReversalRequest(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] Guid GroupId,
    [property: Id(2)] string Reason,
    [property: Id(3)] string User);

/// <summary>What a street official enters for a year: the total and its split by funding source.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.BudgetEntry")]
public sealed record BudgetEntry(
    [property: Id(0)] Money Total,
    [property: Id(1)] ImmutableArray<SourceAmount> Lines,
    [property: Id(2)] string Note);

public enum BudgetStatus
{
    PendingConfirmation = 0, // 待区确认
    Confirmed = 1,           // 已确认（已下达）
}

/// <summary>The street's latest budget entry for the year and whether the district has confirmed it.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.AnnualBudget")]
public sealed record AnnualBudget(
    [property: Id(0)] BudgetEntry Entry,
    [property: Id(1)] BudgetStatus Status,
    [property: Id(2)] int Version,
    [property: Id(3)] string EnteredBy,
    [property: Id(4)] DateTimeOffset EnteredAt,
    [property: Id(5)] string? ConfirmedBy,
    [property: Id(6)] DateTimeOffset? ConfirmedAt);

/// <summary>Balances of one funding source's accounts.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.SourceBalance")]
public sealed record SourceBalance(
    [property: Id(0)] FundingSource Source,
    [property: Id(1)] Money Planned,    // entered by the street (may await confirmation)
    [property: Id(2)] Money Allocated,  // confirmed and posted: −Appropriation
    [property: Id(3)] Money Available,
    [property: Id(4)] Money Committed,
    [property: Id(5)] Money Disbursed);

/// <summary>A street's year as the grain knows it.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.StreetBudgetSnapshot")]
public sealed record StreetBudgetSnapshot(
    [property: Id(0)] long StreetId,
    [property: Id(1)] int Year,
    [property: Id(2)] AnnualBudget? Budget,
    [property: Id(3)] ImmutableArray<SourceBalance> Sources,
    [property: Id(4)] int GroupCount)
{
    public Money Allocated => Money.Sum(Sources.Select(s => s.Allocated));
    public Money Available => Money.Sum(Sources.Select(s => s.Available));
    public Money Committed => Money.Sum(Sources.Select(s => s.Committed));
    public Money Disbursed => Money.Sum(Sources.Select(s => s.Disbursed));
}
