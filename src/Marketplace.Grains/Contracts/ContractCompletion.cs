namespace Marketplace.Contracts;

/// <summary>服务完成度 of a tranche's evaluation: what the 第三方评 sheet is reconciled from and the 绩效评估报告 prints.</summary>
public sealed record CompletionBasis(IReadOnlyList<ServiceUnit> Due, IReadOnlyDictionary<string, int> Delivered, decimal? Percent);

public static class ContractCompletion
{
    /// <summary>All units delivered in the reports up to the tranche, against half the contracted units at mid-term.</summary>
    public static CompletionBasis CompletionOf(this ContractState s, int trancheNo)
    {
        var midTerm = s.Tranches[trancheNo - 1].Gate == TrancheGate.MidTerm;
        var units = s.Units.Select(u => midTerm ? u with { ContractedQuantity = (u.ContractedQuantity + 1) / 2 } : u).ToList();
        var delivered = s.Reports.Where(r => r.TrancheNo <= trancheNo)
            .GroupBy(r => (r.TrancheNo, r.Round)).Select(g => g.Last())  // the latest report of each round counts
            .GroupBy(r => r.TrancheNo).Select(g => g.OrderBy(r => r.Round).Last()) // and of each tranche, the latest round
            .SelectMany(r => r.UnitsDelivered).GroupBy(u => u.Key).ToDictionary(g => g.Key, g => g.Sum(u => u.Value));
        return new CompletionBasis(units, delivered, ServiceCompletion.Percent(units, delivered));
    }
}
