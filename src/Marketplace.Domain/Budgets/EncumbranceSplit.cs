using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Budgets;

/// <summary>How a re-sized encumbrance is spread over funding sources.</summary>
public static class EncumbranceSplit
{
    /// <summary>
    /// The award rule: the awarded price is paid from the sources in the proportion the notice's split held
    /// them (so a notice funded 80% 财政资金 / 20% 福彩公益金 awards 80/20). Each share is rounded to the fen
    /// 四舍五入 (docs/decisions/0004) and the fen left over go to the last source that holds money, so the
    /// shares always add up to the price exactly. A caller that knows a different split (a changed notice)
    /// passes it instead.
    /// </summary>
    public static ImmutableArray<SourceAmount> Proportional(Money total, ImmutableArray<SourceAmount> held)
    {
        var lines = BudgetRules.Normalise(held);
        var whole = Money.Sum(lines.Select(l => l.Amount));
        if (whole.IsZero)
        {
            return lines;
        }
        var last = lines.Last(l => !l.Amount.IsZero).Source;
        var shares = lines.Select(l => l with { Amount = l.Source == last ? Money.Zero : Money.Round(total.Yuan * l.Amount.Yuan / whole.Yuan) }).ToList();
        var rest = total - Money.Sum(shares.Select(s => s.Amount));
        return [.. shares.Select(s => s.Source == last ? s with { Amount = rest } : s)];
    }
}
