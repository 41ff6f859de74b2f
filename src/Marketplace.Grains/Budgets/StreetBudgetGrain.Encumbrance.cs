using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Budgets;

/// <summary>
/// 预算占用: money held from the moment a purchase notice is published (SPEC §3.9: a notice goes out only
/// with the money behind it, and the same money cannot back two notices). Publish encumbers the notice's
/// split, the award re-sizes it to the price, signing converts it into the contract's commitment, and a
/// purchase that ends without a contract releases it. Each is one balanced group with an idempotency key.
/// </summary>
public sealed partial class StreetBudgetGrain
{
    private const string NothingHeld = "该采购项目没有预算占用";

    public async Task<Outcome<PostingGroup>> EncumberAsync(EncumberRequest r)
    {
        if (Replay(r.IdempotencyKey, PostingKind.Encumbrance, r.Reference) is { } replayed)
        {
            return replayed;
        }
        var split = BudgetRules.Normalise(r.Split);
        var errors = BudgetRules.ValidateText(r.IdempotencyKey, r.Reason, r.User).AddRange(CheckDocument("Reference", r.Reference));
        if (errors.IsEmpty && Holds(r.Reference))
        {
            // One encumbrance per purchase at a time; a changed notice re-sizes it instead.
            errors = errors.Add(new("Reference", "该采购项目已占用预算"));
        }
        var check = await CommitRulesAsync(r.Total, split, r.PublicWelfare);
        errors = errors.AddRange(check.Errors.IsDefault ? [] : check.Errors).AddRange(await AreaErrorsAsync(r.ServiceAreaCode));
        if (!errors.IsEmpty)
        {
            return Outcome<PostingGroup>.Fail(errors);
        }
        var postings = Move(split, LedgerAccountKind.Available, LedgerAccountKind.Encumbered);
        return await PostAsync(NewGroup(PostingKind.Encumbrance, r.IdempotencyKey, r.Reason, r.User, r.Reference, null,
            r.ServiceAreaCode, null, [.. postings]) with { Encumbrance = r.Reference, PublicWelfare = r.PublicWelfare });
    }

    public async Task<Outcome<PostingGroup>> ResizeEncumbranceAsync(ResizeEncumbranceRequest r)
    {
        if (Replay(r.IdempotencyKey, PostingKind.EncumbranceResize, r.Reference) is { } replayed)
        {
            return replayed;
        }
        var errors = BudgetRules.ValidateText(r.IdempotencyKey, r.Reason, r.User).AddRange(CheckDocument("Reference", r.Reference));
        // Money is held only by an encumbrance group, so a purchase that holds any has its area and 公益 flag recorded.
        var purchase = Book.PurchaseOf(r.Reference) ?? default;
        if (errors.IsEmpty && !Holds(r.Reference))
        {
            errors = errors.Add(new("Reference", NothingHeld));
        }
        if (!errors.IsEmpty)
        {
            return Outcome<PostingGroup>.Fail(errors);
        }
        var held = Book.EncumberedSplit(r.Reference);
        var target = r.Split is { } given ? BudgetRules.Normalise(given) : EncumbranceSplit.Proportional(r.Total, held);
        errors = BudgetRules.ValidateSplit(r.Total, target, totalMustBePositive: true);
        var increases = target.Select(t => t with { Amount = t.Amount - Book.Encumbered(r.Reference, t.Source) }).Where(d => d.Amount > Money.Zero).ToImmutableArray();
        if (errors.IsEmpty && await PolicyAsync() is { } policy)
        {
            // Only money taken on top of what the notice already holds is checked against available.
            errors = BudgetRules.ValidateSources(policy, increases, purchase.PublicWelfare).AddRange(Shortfalls(increases));
        }
        if (!errors.IsEmpty)
        {
            return Outcome<PostingGroup>.Fail(errors);
        }
        // A negative difference moves money back: Encumbered → Available.
        var postings = Move(target.Select(t => t with { Amount = t.Amount - Book.Encumbered(r.Reference, t.Source) }),
            LedgerAccountKind.Available, LedgerAccountKind.Encumbered);
        return await PostAsync(NewGroup(PostingKind.EncumbranceResize, r.IdempotencyKey, r.Reason, r.User, r.Reference, null,
            purchase.Area, null, [.. postings]) with { Encumbrance = r.Reference, PublicWelfare = purchase.PublicWelfare });
    }

    public async Task<Outcome<PostingGroup>> ConvertEncumbranceToCommitmentAsync(ConvertEncumbranceRequest r)
    {
        if (Replay(r.IdempotencyKey, PostingKind.Commitment, r.Contract) is { } replayed)
        {
            return replayed;
        }
        var split = BudgetRules.Normalise(r.Split);
        var errors = BudgetRules.ValidateText(r.IdempotencyKey, r.Reason, r.User)
            .AddRange(CheckDocument("Reference", r.Reference))
            .AddRange(CheckDocument("Contract", r.Contract))
            .AddRange(BudgetRules.ValidateSplit(r.Total, split, totalMustBePositive: true));
        var purchase = Book.PurchaseOf(r.Reference) ?? default;
        if (errors.IsEmpty && !Holds(r.Reference))
        {
            errors = errors.Add(new("Reference", NothingHeld));
        }
        else if (errors.IsEmpty && Book.HasCommitment(r.Contract))
        {
            errors = errors.Add(new("Contract", "该合同已有承诺记录"));
        }
        if (errors.IsEmpty)
        {
            // A contract signs for at most what its purchase holds; more would need an amendment checked against available.
            errors = [.. split.Where(l => l.Amount > Book.Encumbered(r.Reference, l.Source)).Select(l => new FieldError(BudgetRules.FieldOf(l.Source),
                $"超过该采购项目{l.Source.Chinese()}的预算占用 {MoneyFormat.Yuan(Book.Encumbered(r.Reference, l.Source))}"))];
        }
        if (!errors.IsEmpty)
        {
            return Outcome<PostingGroup>.Fail(errors);
        }
        var postings = split.SelectMany(l =>
        {
            // KeepRest (公益创投): only the contract's amount leaves the encumbrance; the pool's rest stays held.
            var held = r.KeepRest ? l.Amount : Book.Encumbered(r.Reference, l.Source);
            return new Posting[]
            {
                new(l.Source, LedgerAccountKind.Encumbered, -held),
                new(l.Source, LedgerAccountKind.Committed, l.Amount),
                new(l.Source, LedgerAccountKind.Available, held - l.Amount), // what the contract does not take is freed
            }.Where(p => !p.Amount.IsZero);
        });
        return await PostAsync(NewGroup(PostingKind.Commitment, r.IdempotencyKey, r.Reason, r.User, r.Contract, r.Contract,
            purchase.Area, null, [.. postings]) with { Encumbrance = r.Reference, PublicWelfare = purchase.PublicWelfare });
    }

    public async Task<Outcome<PostingGroup?>> ReleaseEncumbranceAsync(ReleaseEncumbranceRequest r)
    {
        if (Replay(r.IdempotencyKey, PostingKind.EncumbranceRelease, r.Reference) is { } replayed)
        {
            return new(replayed.Errors, replayed.Value);
        }
        var errors = BudgetRules.ValidateText(r.IdempotencyKey, r.Reason, r.User).AddRange(CheckDocument("Reference", r.Reference));
        if (!errors.IsEmpty)
        {
            return new(errors, null);
        }
        if (!Holds(r.Reference))
        {
            // Never published, or released already: nothing to move, and nothing is posted.
            return Outcome<PostingGroup?>.Ok(null);
        }
        var purchase = Book.PurchaseOf(r.Reference);
        var postings = Move(Book.EncumberedSplit(r.Reference), LedgerAccountKind.Encumbered, LedgerAccountKind.Available);
        var group = await PostAsync(NewGroup(PostingKind.EncumbranceRelease, r.IdempotencyKey, r.Reason, r.User, r.Reference, null,
            purchase?.Area, null, [.. postings]) with { Encumbrance = r.Reference, PublicWelfare = purchase?.PublicWelfare ?? false });
        return new(group.Errors, group.Value);
    }

    public Task<ImmutableArray<SourceAmount>> GetEncumbranceAsync(DocumentRef reference) =>
        Task.FromResult(Book.EncumberedSplit(reference));

    /// <summary>A balanced pair per source: each amount leaves <paramref name="from"/> and enters <paramref name="to"/>.</summary>
    private static IEnumerable<Posting> Move(IEnumerable<SourceAmount> lines, LedgerAccountKind from, LedgerAccountKind to) =>
        lines.Where(l => !l.Amount.IsZero).SelectMany(l => new Posting[] { new(l.Source, from, -l.Amount), new(l.Source, to, l.Amount) });

    private bool Holds(DocumentRef reference) => FundingSources.All.Any(s => !Book.Encumbered(reference, s).IsZero);

    private async Task<ImmutableArray<FieldError>> AreaErrorsAsync(string? code) =>
        string.IsNullOrWhiteSpace(code) || !(await reference.ServiceAreaCodesAsync()).Contains(code)
            ? [new FieldError("ServiceAreaCode", "请选择服务领域")]
            : [];
}
