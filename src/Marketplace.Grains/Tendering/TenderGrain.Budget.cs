using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Catalog;
using Marketplace.Domain;

namespace Marketplace.Tendering;

/// <summary>
/// The money of a purchase in the buying street's ledger (SPEC §3.9), for the year the service starts in
/// (the notice's fiscal year): publishing encumbers the notice's split (预算占用), the award re-sizes it to
/// the price, and a purchase that ends without a contract releases it. Each lifecycle step calls one of these
/// before writing its own state, with a key of its own, so a retry after a failed write posts nothing twice.
/// </summary>
public sealed partial class TenderGrain
{
    /// <summary>The purchase as the ledger names it: <c>tender:{id}</c>.</summary>
    private DocumentRef BudgetReference => new(DocumentTypes.Tender, Id.ToString("N"));

    private IStreetBudgetGrain BudgetOf(TenderNotice notice) => GrainFactory.GetStreetBudget(S.StreetId, notice.ServiceStart.Year);

    /// <summary>Publish (and a single-source switch): hold <paramref name="total"/> of the notice's split.</summary>
    /// <param name="item">The notice's catalog item when the caller already read it (its service area goes on the postings).</param>
    private async Task<ImmutableArray<FieldError>> EncumberAsync(TenderNotice notice, Money total, string key, string reason, string user,
        TransferItem? item = null)
    {
        if (ToSplit(notice.Funding) is not { } split)
        {
            return [new FieldError("", "公告的资金来源不正确")];
        }
        if (notice.ServiceStart.Year is < StreetBudgetKey.MinYear or > StreetBudgetKey.MaxYear)
        {
            return [new FieldError("", "服务期限的年度不正确")];
        }
        item ??= await GrainFactory.GetGrain<IStreetCatalogGrain>(S.StreetId).GetItemAsync(notice.TransferItemId);
        if (total != Money.Sum(split.Select(s => s.Amount)))
        {
            split = EncumbranceSplit.Proportional(total, split);
        }
        // A purchase (合同外包/项目委托) is not a 公益创投 grant: lottery funds follow the district's rule.
        var outcome = await BudgetOf(notice).EncumberAsync(new EncumberRequest(key, BudgetReference, item?.Fields.ServiceAreaCode ?? "",
            PublicWelfare: false, total, split, reason, user));
        return BudgetErrors(notice, outcome.Errors);
    }

    /// <summary>The award, or a published notice whose funding changed: re-size what the purchase holds.</summary>
    private async Task<ImmutableArray<FieldError>> ResizeBudgetAsync(TenderNotice notice, Money total, ImmutableArray<SourceAmount>? split,
        string key, string reason, string user)
    {
        var outcome = await BudgetOf(notice).ResizeEncumbranceAsync(new ResizeEncumbranceRequest(key, BudgetReference, total, split, reason, user));
        return BudgetErrors(notice, outcome.Errors);
    }

    /// <summary>Cancel or failure: everything the purchase still holds goes back to available.</summary>
    private async Task ReleaseBudgetAsync(string step, string reason, string user)
    {
        var outcome = await BudgetOf(S.Notice!).ReleaseEncumbranceAsync(
            new ReleaseEncumbranceRequest($"tender:{Id:N}:{step}", BudgetReference, reason, string.IsNullOrWhiteSpace(user) ? "system" : user));
        if (!outcome.Succeeded)
        {
            // Only malformed requests are refused here; the step must not end with the money still held.
            throw new InvalidOperationException($"Releasing the budget of tender {Id} failed: {outcome.Errors[0].Message}");
        }
    }

    /// <summary>The notice's funding shares as ledger amounts (the source is typed since the notice was entered).</summary>
    private static ImmutableArray<SourceAmount>? ToSplit(ImmutableArray<FundingShare> funding) =>
        [.. (funding.IsDefault ? [] : funding).Select(f => new SourceAmount(f.Source, f.Amount))];

    /// <summary>
    /// The ledger's refusals name funding-source fields the tender pages do not render; they belong to the
    /// notice as a whole, so they go to the top of the page, with the budget year said.
    /// </summary>
    private static ImmutableArray<FieldError> BudgetErrors(TenderNotice notice, ImmutableArray<FieldError> errors) =>
        errors.IsDefaultOrEmpty ? [] : [.. errors.Select(e => new FieldError("", $"{notice.ServiceStart.Year}年度预算：{e.Message}"))];
}
