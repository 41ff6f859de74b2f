using Marketplace.Budgets;
using Marketplace.Domain;

namespace Marketplace.Web.Data.Entities;

/// <summary>
/// Read model of a street's budget year, written by the grain storage in the same transaction as the
/// street budget grain's state. Pages, exports and the public API query it; only the grain changes it.
/// </summary>
public sealed class StreetBudgetRow
{
    public long StreetId { get; set; }
    public int Year { get; set; }
    public long DistrictId { get; set; }
    public BudgetStatus Status { get; set; }
    public int Version { get; set; }
    public Money Planned { get; set; }     // entered by the street official
    public Money Allocated { get; set; }   // confirmed by the district and posted
    public Money Available { get; set; }   // = Figures.Available, kept for the audit and for sorting in SQL
    public Money Encumbered { get; set; }  // 预算占用: held by published notices
    public Money Committed { get; set; }
    public Money Disbursed { get; set; }
    public required string EnteredBy { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public required string Note { get; set; }

    /// <summary>The year's figures; every page, the JSON, the PDFs and the workbooks read them from here.</summary>
    public BudgetFigures Figures => new(Allocated, Encumbered, Committed, Disbursed);
}

/// <summary>One funding source's line of a street's budget year (read model).</summary>
public sealed class StreetBudgetSourceRow
{
    public long StreetId { get; set; }
    public int Year { get; set; }
    public FundingSource Source { get; set; }
    public Money Planned { get; set; }
    public Money Allocated { get; set; }
    public Money Available { get; set; }
    public Money Encumbered { get; set; }
    public Money Committed { get; set; }
    public Money Disbursed { get; set; }

    public BudgetFigures Figures => new(Allocated, Encumbered, Committed, Disbursed);
}

/// <summary>A posting group as written by the budget grain. Append-only: rows are inserted, never updated.</summary>
public sealed class PostingGroupRow
{
    public Guid Id { get; set; }
    public long StreetId { get; set; }
    public int Year { get; set; }
    public long DistrictId { get; set; }
    public int Sequence { get; set; }
    public PostingKind Kind { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string Reason { get; set; }
    public required string UserName { get; set; }
    public required string DocumentType { get; set; }
    public required string DocumentId { get; set; }
    public string? CommitmentType { get; set; }
    public string? CommitmentId { get; set; }
    public string? EncumbranceType { get; set; }  // the purchase (e.g. tender) whose 预算占用 the group moves
    public string? EncumbranceId { get; set; }
    public string? ServiceAreaCode { get; set; }
    public Guid? Reverses { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One posting line. The amount is kept as whole fen (<see cref="Money.Fen"/>) in a plain long column so
/// SQL can sum it exactly for the checks and the views.
/// </summary>
public sealed class PostingRow
{
    public long Id { get; set; }
    public Guid GroupId { get; set; }
    public long StreetId { get; set; }
    public int Year { get; set; }
    public int Sequence { get; set; }
    public int Line { get; set; }
    public FundingSource Source { get; set; }
    public LedgerAccountKind Account { get; set; }
    public long AmountFen { get; set; }
    public string? ServiceAreaCode { get; set; }

    public Money Amount => Money.FromFen(AmountFen);
}

/// <summary>A district's budget rules (floor per street and year); see <see cref="BudgetPolicy"/>.</summary>
public sealed class DistrictBudgetPolicyRow : IVersioned
{
    public long DistrictId { get; set; }
    public Money Floor { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>Also guards the district's <see cref="FundingSourceRuleRow"/>s, saved with it in one change.</summary>
    public int Version { get; set; }
}

/// <summary>A district's restriction on one funding source.</summary>
public sealed class FundingSourceRuleRow
{
    public long DistrictId { get; set; }
    public FundingSource Source { get; set; }
    public bool Enabled { get; set; }
    public bool PublicWelfareOnly { get; set; }
}
