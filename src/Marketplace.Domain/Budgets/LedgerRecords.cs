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
    public const string Tender = "tender";          // 采购项目（公告发布即占用预算）
    public const string Round = "round";            // 公益创投（开启即占用资金池）

    public static string Chinese(string type) => type switch
    {
        Budget => "年度预算",
        Contract => "合同",
        Tranche => "付款节点",
        Adjustment => "调整",
        Tender => "采购项目",
        Round => "公益创投",
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
    [property: Id(11)] ImmutableArray<Posting> Postings,
    [property: Id(12)] DocumentRef? Encumbrance = null, // the purchase (e.g. tender) whose 预算占用 the group moves
    [property: Id(13)] bool PublicWelfare = false)      // 公益项目, recorded with an encumbrance for later re-sizes
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
    [property: Id(5)] Money Disbursed,
    [property: Id(6)] Money Encumbered)
{
    public BudgetFigures Figures => new(Allocated, Encumbered, Committed, Disbursed);
}

/// <summary>A street's year as the grain knows it.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.StreetBudgetSnapshot")]
public sealed record StreetBudgetSnapshot(
    [property: Id(0)] long StreetId,
    [property: Id(1)] int Year,
    [property: Id(2)] AnnualBudget? Budget,
    [property: Id(3)] ImmutableArray<SourceBalance> Sources,
    [property: Id(4)] int GroupCount)
{
    public BudgetFigures Figures => BudgetFigures.Sum(Sources.Select(s => s.Figures));
    public Money Allocated => Figures.Allocated;
    public Money Available => Figures.Available;
    public Money Encumbered => Figures.Encumbered;
    public Money Committed => Figures.Committed;
    public Money Disbursed => Figures.Disbursed;
}

/// <summary>
/// Hold budget for a published purchase notice (预算占用), split across funding sources as the notice says.
/// <paramref name="Reference"/> names the purchase, e.g. <c>tender:{id}</c> (<see cref="DocumentTypes.Tender"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.EncumberRequest")]
public sealed record EncumberRequest(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] DocumentRef Reference,
    [property: Id(2)] string ServiceAreaCode,
    [property: Id(3)] bool PublicWelfare,
    [property: Id(4)] Money Total,
    [property: Id(5)] ImmutableArray<SourceAmount> Split,
    [property: Id(6)] string Reason,
    [property: Id(7)] string User);

/// <summary>
/// Re-size a purchase's encumbrance to <paramref name="Total"/> (the awarded or negotiated price, or a changed
/// notice). With no <paramref name="Split"/> the new total is spread over the sources in proportion to what
/// each holds now (see <see cref="EncumbranceSplit.Proportional"/>); with one, the sources follow it.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.ResizeEncumbranceRequest")]
public sealed record ResizeEncumbranceRequest(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] DocumentRef Reference,
    [property: Id(2)] Money Total,
    [property: Id(3)] ImmutableArray<SourceAmount>? Split,
    [property: Id(4)] string Reason,
    [property: Id(5)] string User);

/// <summary>
/// The contract of a purchase is signed: its split moves from the purchase's encumbrance to a commitment of
/// <paramref name="Contract"/>; whatever the purchase still holds beyond it goes back to available in the same group.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.ConvertEncumbranceRequest")]
public sealed record ConvertEncumbranceRequest(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] DocumentRef Reference,
    [property: Id(2)] DocumentRef Contract,
    [property: Id(3)] Money Total,
    [property: Id(4)] ImmutableArray<SourceAmount> Split,
    [property: Id(5)] string Reason,
    [property: Id(6)] string User,
    [property: Id(7)] bool KeepRest = false); // a 公益创投 pool backs several contracts: the rest stays held for the others

/// <summary>A purchase ends without a contract (cancelled, failed, withdrawn): all it still holds goes back to available.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ReleaseEncumbranceRequest")]
public sealed record ReleaseEncumbranceRequest(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] DocumentRef Reference,
    [property: Id(2)] string Reason,
    [property: Id(3)] string User);
