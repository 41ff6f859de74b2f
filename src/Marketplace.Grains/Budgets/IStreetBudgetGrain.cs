using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Budgets;

/// <summary>
/// One street's budget and ledger for one year. Key: <c>"{streetId}:{year}"</c> (see
/// <see cref="StreetBudgetKey"/>). The ONLY writer of the year's postings: commands run one at a time, so no
/// commitment can take more than is available, under any concurrency. Every movement is a balanced
/// group of postings carrying an idempotency key; a repeated key returns the group already posted.
/// </summary>
[Alias("marketplace.IStreetBudgetGrain")]
public interface IStreetBudgetGrain : IGrainWithStringKey
{
    [Alias("Get")] Task<StreetBudgetSnapshot> GetAsync();

    [Alias("GetGroups")] Task<ImmutableArray<PostingGroup>> GetGroupsAsync();

    /// <summary>The street official enters or revises the year's budget; it then awaits the district's confirmation.</summary>
    [Alias("Enter")] Task<Outcome<AnnualBudget>> EnterBudgetAsync(BudgetEntry entry, int expectedVersion, string user);

    /// <summary>The district admin confirms the entered budget: the change per source is allocated (posted).</summary>
    [Alias("Confirm")] Task<Outcome<AnnualBudget>> ConfirmBudgetAsync(int expectedVersion, string user);

    /// <summary>
    /// A budget already agreed between street and district (an import): entered by <paramref name="enteredBy"/> and
    /// confirmed by <paramref name="confirmedBy"/> in one write, ending as <see cref="EnterBudgetAsync"/> then
    /// <see cref="ConfirmBudgetAsync"/> would leave it; refused on the rules of either.
    /// </summary>
    [Alias("EnterConfirmed")] Task<Outcome<AnnualBudget>> EnterConfirmedBudgetAsync(BudgetEntry entry, int expectedVersion, string enteredBy, string confirmedBy);

    /// <summary>Contract signed: available → committed, per funding source of the split.</summary>
    [Alias("Commit")] Task<Outcome<PostingGroup>> CommitAsync(CommitRequest request);

    /// <summary>
    /// A purchase notice is published: available → encumbered (预算占用), per funding source of the split.
    /// Refused with the shortfall named (e.g. "财政资金可用余额不足，差 ¥600,000.00") when a source has not enough.
    /// </summary>
    [Alias("Encumber")] Task<Outcome<PostingGroup>> EncumberAsync(EncumberRequest request);

    /// <summary>The award (or a changed notice) re-sizes a purchase's encumbrance; money no longer needed goes back to available.</summary>
    [Alias("ResizeEncumbrance")] Task<Outcome<PostingGroup>> ResizeEncumbranceAsync(ResizeEncumbranceRequest request);

    /// <summary>Contract signed for a purchase: encumbered → committed to the contract; the rest of the encumbrance is freed.</summary>
    [Alias("ConvertEncumbrance")] Task<Outcome<PostingGroup>> ConvertEncumbranceToCommitmentAsync(ConvertEncumbranceRequest request);

    /// <summary>Purchase cancelled, failed or withdrawn: all it still holds → available. Nothing held: success, nothing posted (null).</summary>
    [Alias("ReleaseEncumbrance")] Task<Outcome<PostingGroup?>> ReleaseEncumbranceAsync(ReleaseEncumbranceRequest request);

    /// <summary>What a purchase still holds, per funding source.</summary>
    [Alias("GetEncumbrance")] Task<ImmutableArray<SourceAmount>> GetEncumbranceAsync(DocumentRef reference);

    /// <summary>Tranche released: committed → disbursed.</summary>
    [Alias("Disburse")] Task<Outcome<PostingGroup>> DisburseAsync(MovementRequest request);

    /// <summary>Tranche withheld or contract cancelled: committed → available.</summary>
    [Alias("Release")] Task<Outcome<PostingGroup>> ReleaseAsync(MovementRequest request);

    /// <summary>Correction: posts the exact opposite of an earlier group.</summary>
    [Alias("Reverse")] Task<Outcome<PostingGroup>> ReverseAsync(ReversalRequest request);

    /// <summary>Whether a contract with this split could be committed now (a purchase notice asks before publishing).</summary>
    [Alias("CanCommit")] Task<Outcome> CanCommitAsync(Money total, ImmutableArray<SourceAmount> split, bool publicWelfare);

    /// <summary>Ledger invariants, as problems in Chinese (empty = all hold).</summary>
    [Alias("Check")] Task<ImmutableArray<string>> CheckAsync();
}

public static class StreetBudgetGrainFactoryExtensions
{
    public static IStreetBudgetGrain GetStreetBudget(this IGrainFactory grains, long streetId, int year) =>
        grains.GetGrain<IStreetBudgetGrain>(StreetBudgetKey.For(streetId, year));
}
