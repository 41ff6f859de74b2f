namespace Marketplace.Contracts;

/// <summary>服务完成度 of a tranche's evaluation: what the 第三方评 sheet is reconciled from and the 绩效评估报告 prints.</summary>
public sealed record CompletionBasis(IReadOnlyList<ServiceUnit> Due, IReadOnlyDictionary<string, int> Delivered, decimal? Percent);

public static class ContractCompletion
{
    /// <summary>
    /// All units delivered in the reports up to the tranche, and the residents' menu orders delivered in those periods
    /// (recorded by the platform, so a report lists only the services outside the menu), against half the contracted
    /// units at mid-term.
    /// </summary>
    public static CompletionBasis CompletionOf(this ContractState s, int trancheNo)
    {
        var midTerm = s.Tranches[trancheNo - 1].Gate == TrancheGate.MidTerm;
        var units = s.Units.Select(u => midTerm ? u with { ContractedQuantity = (u.ContractedQuantity + 1) / 2 } : u).ToList();
        var delivered = s.Reports.Where(r => r.TrancheNo <= trancheNo)
            .GroupBy(r => (r.TrancheNo, r.Round)).Select(g => g.Last())  // the latest report of each round counts
            .GroupBy(r => r.TrancheNo).Select(g => g.OrderBy(r => r.Round).Last()) // and of each tranche, the latest round
            .SelectMany(r => r.UnitsDelivered)
            .Concat(s.MenuDeliveries.Where(d => d.TrancheNo <= trancheNo).Select(d => KeyValuePair.Create(d.UnitCode, 1)))
            .GroupBy(u => u.Key).ToDictionary(g => g.Key, g => g.Sum(u => u.Value));
        return new CompletionBasis(units, delivered, ServiceCompletion.Percent(units, delivered));
    }
}
