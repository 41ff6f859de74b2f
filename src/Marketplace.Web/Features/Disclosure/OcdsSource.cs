using Marketplace.Budgets;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Tendering;

namespace Marketplace.Web.Features.Disclosure;

// What the OCDS mapping reads: plain copies of the published parts of a purchase, a round or a recorded
// contract, gathered by OcdsSourceQueries from the read models and the grains' public views. Nothing
// sealed (proposals, attachments) and nothing personal (bank accounts, phones) is ever copied in here.

/// <summary>The buyer and procuring entity: a street, or the district for a round it runs for several streets (no street).</summary>
public sealed record OcdsBuyer(long? StreetId, string? Street, long DistrictId, string District, string City)
{
    public string PartyId => StreetId is { } s ? $"street-{s}" : $"district-{DistrictId}";
    public string Name => City + District + (Street is null ? "" : Street + "办事处");
}

/// <summary>How the process was run: an open 综合评分 purchase, a single-source decision, a 公益创投 round or a paper contract (合同补录).</summary>
public enum OcdsKind { Tender, SingleSource, Round, Record }

public sealed record OcdsCriterion(string Name, decimal Weight, bool IsPrice);

/// <summary>One published bid (after the award only): who, at what price, valid or not; never the proposal.</summary>
public sealed record OcdsBid(string Uscc, string Name, Money Value, bool Valid);

/// <summary>
/// The bids of a process once its award is public, and the moment they stood as counted: the deadline of a
/// scored purchase, the decision of a single-source one (its one negotiated offer).
/// </summary>
public sealed record OcdsBids(DateTimeOffset At, IReadOnlyList<OcdsBid> Details)
{
    public int ValidCount => Details.Count(b => b.Valid);
}

public sealed record OcdsAward(string Id, DateTimeOffset Date, string Uscc, string Supplier, Money Value, string Title, bool PublicityOver);

/// <summary>A tranche as the public sees it: amount, when paid, and the evaluation that gates it.</summary>
public sealed record OcdsTranche(int No, TrancheGate Gate, Money Amount, TrancheStatus Status, DateTimeOffset? PaidAt,
    DateOnly? ReportDue, EvaluationGrade? Grade, decimal? Total, DateTimeOffset? GradedAt);

public sealed record OcdsContract(Guid Id, string AwardId, string Title, string Uscc, string Supplier, Money Value,
    DateOnly TermStart, DateOnly TermEnd, ContractStatus Status, DateTimeOffset? SignedAt, IReadOnlyList<OcdsTranche> Tranches);

/// <summary>
/// One contracting process: one ocid. <see cref="PublishedAt"/> is the day the public first saw it (notice
/// published, round opened, or the paper contract entered). <see cref="Bids"/> is null until results are public.
/// </summary>
public sealed record OcdsProcess(
    Guid Key, OcdsKind Kind, OcdsBuyer Buyer, string Title, string? Description, DateTimeOffset PublishedAt,
    string TenderStatus, Money Value, DateTimeOffset? OpensAt, DateTimeOffset? Deadline, DateOnly? ServiceStart, DateOnly? ServiceEnd,
    IReadOnlyList<SourceAmount> Funding, IReadOnlyList<OcdsCriterion> Criteria, string? MethodReason,
    OcdsBids? Bids, IReadOnlyList<OcdsAward> Awards, IReadOnlyList<OcdsContract> Contracts);
