using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Budgets;

/// <summary>
/// Balances of a street's year, folded from its posting groups: per account, per contract still
/// committed, and the idempotency keys used. Built once per state and read by the grain's rules.
/// </summary>
public sealed class LedgerBook
{
    private readonly Dictionary<(FundingSource, LedgerAccountKind), Money> _balances = [];
    private readonly Dictionary<DocumentRef, Dictionary<FundingSource, Money>> _outstanding = [];
    private readonly Dictionary<DocumentRef, string?> _areas = [];
    private readonly Dictionary<DocumentRef, Dictionary<FundingSource, Money>> _encumbered = [];
    private readonly Dictionary<DocumentRef, (string? Area, bool PublicWelfare)> _purchases = [];
    private readonly Dictionary<string, PostingGroup> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, PostingGroup> _byId = [];
    private readonly HashSet<Guid> _reversed = [];

    public LedgerBook(IEnumerable<PostingGroup> groups)
    {
        foreach (var g in groups)
        {
            Apply(g);
        }
    }

    public Money Balance(FundingSource source, LedgerAccountKind account) =>
        _balances.GetValueOrDefault((source, account), Money.Zero);

    public Money Allocated(FundingSource source) => -Balance(source, LedgerAccountKind.Appropriation);

    /// <summary>The figures of one source, from the balances; <see cref="BudgetFigures.Available"/> is the one definition of available.</summary>
    public BudgetFigures Figures(FundingSource source) => new(Allocated(source),
        Balance(source, LedgerAccountKind.Encumbered), Balance(source, LedgerAccountKind.Committed), Balance(source, LedgerAccountKind.Disbursed));

    public Money Available(FundingSource source) => Figures(source).Available;

    /// <summary>What a purchase (e.g. a published tender) still holds of one source (预算占用).</summary>
    public Money Encumbered(DocumentRef reference, FundingSource source) =>
        _encumbered.TryGetValue(reference, out var bySource) ? bySource.GetValueOrDefault(source, Money.Zero) : Money.Zero;

    /// <summary>What a purchase still holds, per source in the canonical order (zeros included).</summary>
    public ImmutableArray<SourceAmount> EncumberedSplit(DocumentRef reference) =>
        [.. FundingSources.All.Select(s => new SourceAmount(s, Encumbered(reference, s)))];

    /// <summary>Service area and 公益 flag of a purchase that was ever encumbered; null when never.</summary>
    public (string? Area, bool PublicWelfare)? PurchaseOf(DocumentRef reference) =>
        _purchases.TryGetValue(reference, out var p) ? p : null;

    /// <summary>What is still committed to a contract from one source (not yet disbursed or released).</summary>
    public Money Outstanding(DocumentRef contract, FundingSource source) =>
        _outstanding.TryGetValue(contract, out var bySource) ? bySource.GetValueOrDefault(source, Money.Zero) : Money.Zero;

    public bool HasCommitment(DocumentRef contract) => _areas.ContainsKey(contract);

    public string? AreaOf(DocumentRef contract) => _areas.GetValueOrDefault(contract);

    public PostingGroup? ByKey(string idempotencyKey) => _byKey.GetValueOrDefault(idempotencyKey);

    public PostingGroup? ById(Guid id) => _byId.GetValueOrDefault(id);

    public bool IsReversed(Guid id) => _reversed.Contains(id);

    /// <summary>Accounts that a movement would leave negative (Available, Committed, Disbursed never go below zero).</summary>
    public ImmutableArray<(FundingSource Source, LedgerAccountKind Account)> Overdrawn(IEnumerable<Posting> postings)
    {
        var after = new Dictionary<(FundingSource, LedgerAccountKind), Money>(_balances);
        foreach (var p in postings)
        {
            after[(p.Source, p.Account)] = after.GetValueOrDefault((p.Source, p.Account), Money.Zero) + p.Amount;
        }
        return [.. after.Where(kv => kv.Key.Item2 != LedgerAccountKind.Appropriation && kv.Value.IsNegative)
            .Select(kv => (kv.Key.Item1, kv.Key.Item2))];
    }

    private void Apply(PostingGroup g)
    {
        foreach (var p in g.Postings)
        {
            _balances[(p.Source, p.Account)] = Balance(p.Source, p.Account) + p.Amount;
            if (g.Commitment is { } contract && p.Account == LedgerAccountKind.Committed)
            {
                if (!_outstanding.TryGetValue(contract, out var bySource))
                {
                    _outstanding[contract] = bySource = [];
                }
                bySource[p.Source] = bySource.GetValueOrDefault(p.Source, Money.Zero) + p.Amount;
            }
            if (g.Encumbrance is { } purchase && p.Account == LedgerAccountKind.Encumbered)
            {
                if (!_encumbered.TryGetValue(purchase, out var held))
                {
                    _encumbered[purchase] = held = [];
                }
                held[p.Source] = held.GetValueOrDefault(p.Source, Money.Zero) + p.Amount;
            }
        }
        if (g.Kind == PostingKind.Encumbrance && g.Encumbrance is { } encumbered)
        {
            _purchases[encumbered] = (g.ServiceAreaCode, g.PublicWelfare);
        }
        if (g.Kind == PostingKind.Commitment && g.Commitment is { } committed)
        {
            _areas[committed] = g.ServiceAreaCode;
        }
        _byKey[g.IdempotencyKey] = g;
        _byId[g.Id] = g;
        if (g.Reverses is { } reversed)
        {
            _reversed.Add(reversed);
        }
    }
}
