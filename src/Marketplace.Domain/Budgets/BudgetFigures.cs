using Marketplace.Domain;

namespace Marketplace.Budgets;

/// <summary>
/// The money figures of a street's year (or of one funding source of it), as every page, the public JSON,
/// the PDF reports and the workbooks show them. <see cref="Available"/> is defined here and nowhere else:
/// what the district has allocated (预算下达) less what published notices hold (预算占用), what signed contracts
/// hold (已承诺) and what was paid (已支付). The ledger's Available account must equal it (LedgerChecks).
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.BudgetFigures")]
public readonly record struct BudgetFigures(
    [property: Id(0)] Money Allocated,
    [property: Id(1)] Money Encumbered,
    [property: Id(2)] Money Committed,
    [property: Id(3)] Money Disbursed)
{
    public static BudgetFigures Zero => new(Money.Zero, Money.Zero, Money.Zero, Money.Zero);

    /// <summary>可用 = 预算下达 − 预算占用 − 已承诺 − 已支付.</summary>
    public Money Available => Allocated - Encumbered - Committed - Disbursed;

    /// <summary>Contract amounts (合同金额): what signed contracts hold or have paid.</summary>
    public Money Contracted => Committed + Disbursed;

    public static BudgetFigures operator +(BudgetFigures a, BudgetFigures b) =>
        new(a.Allocated + b.Allocated, a.Encumbered + b.Encumbered, a.Committed + b.Committed, a.Disbursed + b.Disbursed);

    public static BudgetFigures Sum(IEnumerable<BudgetFigures> figures) => figures.Aggregate(Zero, (a, b) => a + b);
}
