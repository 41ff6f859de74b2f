using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Budgets;

/// <summary>
/// The ledger's invariants over one street's year: every group balances, idempotency keys are unique,
/// sequences run without gaps, and per funding source available + encumbered + committed + disbursed =
/// allocated (the Available account equals <see cref="BudgetFigures.Available"/>) with no account below zero.
/// </summary>
public static class LedgerChecks
{
    public static ImmutableArray<string> Check(StreetBudgetState state)
    {
        var problems = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var expected = 1;
        foreach (var g in state.Groups)
        {
            if (!g.Balances)
            {
                problems.Add($"分录组 #{g.Sequence} 借贷不平衡");
            }
            if (!seen.Add(g.IdempotencyKey))
            {
                problems.Add($"幂等键重复：{g.IdempotencyKey}");
            }
            if (g.Sequence != expected++)
            {
                problems.Add($"分录组序号不连续：#{g.Sequence}");
            }
        }
        var book = new LedgerBook(state.Groups);
        foreach (var s in FundingSources.All)
        {
            var available = book.Balance(s, LedgerAccountKind.Available);
            var figures = book.Figures(s);
            if (available != figures.Available)
            {
                problems.Add($"{s.Chinese()}：可用 + 预算占用 + 已承诺 + 已支付 ≠ 预算下达");
            }
            if (available.IsNegative || figures.Encumbered.IsNegative || figures.Committed.IsNegative || figures.Disbursed.IsNegative)
            {
                problems.Add($"{s.Chinese()}：存在负余额");
            }
        }
        return problems.ToImmutable();
    }
}
