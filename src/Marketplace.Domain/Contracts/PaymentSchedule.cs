using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;

namespace Marketplace.Contracts;

/// <summary>What releases a tranche (付款节点): signing, or a passed evaluation.</summary>
public enum TrancheGate
{
    Signing = 1, // 合同签订
    MidTerm = 2, // 中期评估合格
    Final = 3,   // 末期评估合格
}

/// <summary>One planned tranche: its gate and its share of the amount, in percent (exact decimal).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.TranchePlan")]
public sealed record TranchePlan([property: Id(0)] TrancheGate Gate, [property: Id(1)] decimal SharePercent);

/// <summary>A tranche with its amount in yuan, and that amount by funding source.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.TrancheAmount")]
public sealed record TrancheAmount(
    [property: Id(0)] TrancheGate Gate,
    [property: Id(1)] decimal SharePercent,
    [property: Id(2)] Money Amount,
    [property: Id(3)] ImmutableArray<SourceAmount> Split);

/// <summary>
/// The payment schedule of a contract: tranches that sum exactly to the amount (政府购买服务 "评估兑现":
/// money follows the evaluations). Shares are exact percentages; each tranche's amount is rounded to the
/// fen (四舍五入) and the last takes the remainder, so the schedule always sums to the fen.
/// </summary>
public static class PaymentSchedule
{
    /// <summary>50% on signing, 30% after a passed mid-term evaluation, 20% after a passed final one.</summary>
    public static ImmutableArray<TranchePlan> Default { get; } =
        [new(TrancheGate.Signing, 50m), new(TrancheGate.MidTerm, 30m), new(TrancheGate.Final, 20m)];

    public static string Chinese(this TrancheGate gate) => gate switch
    {
        TrancheGate.Signing => "合同签订后",
        TrancheGate.MidTerm => "中期评估合格后",
        TrancheGate.Final => "末期评估合格后",
        _ => gate.ToString(),
    };

    /// <summary>Shares in (0, 100] with at most two decimals, summing to exactly 100; gates in order, each once.</summary>
    public static ImmutableArray<FieldError> Validate(IReadOnlyList<TranchePlan> plan)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (plan.Count == 0)
        {
            return [new("Schedule", "请至少设置一个付款节点")];
        }
        for (var i = 0; i < plan.Count; i++)
        {
            var share = plan[i].SharePercent;
            if (share <= 0m || share > 100m)
            {
                errors.Add(new($"Schedule[{i}]", $"第{i + 1}个付款节点的比例应大于0%且不超过100%，现为 {share:0.##}%"));
            }
            else if (decimal.Round(share, 2) != share)
            {
                errors.Add(new($"Schedule[{i}]", $"第{i + 1}个付款节点的比例最多两位小数"));
            }
            if (i > 0 && plan[i].Gate <= plan[i - 1].Gate)
            {
                errors.Add(new($"Schedule[{i}]", "付款节点应按签订、中期、末期的顺序各设一次"));
            }
        }
        var sum = plan.Sum(p => p.SharePercent);
        if (errors.Count == 0 && sum != 100m)
        {
            errors.Add(new("Schedule", $"各付款节点比例之和应为100%，现为 {sum:0.##}%"));
        }
        return errors.ToImmutable();
    }

    /// <summary>The amounts of a valid plan, by funding source too; every column sums exactly.</summary>
    public static ImmutableArray<TrancheAmount> Amounts(Money total, IReadOnlyList<TranchePlan> plan, IReadOnlyList<SourceAmount> split)
    {
        var amounts = Allocate(total, [.. plan.Select(p => p.SharePercent)]);
        var perSource = new List<ImmutableArray<SourceAmount>>();
        for (var i = 0; i < plan.Count; i++)
        {
            if (i < plan.Count - 1)
            {
                var parts = Allocate(amounts[i], [.. split.Select(s => s.Amount.Yuan)]);
                perSource.Add([.. split.Select((s, j) => new SourceAmount(s.Source, parts[j]))]);
            }
            else
            {
                // The last tranche takes what is left of each source, so each source's column sums to its share.
                perSource.Add([.. split.Select(s => new SourceAmount(s.Source,
                    s.Amount - Money.Sum(perSource.Select(t => t.Single(x => x.Source == s.Source).Amount))))]);
            }
        }
        return [.. plan.Select((p, i) => new TrancheAmount(p.Gate, p.SharePercent, amounts[i], perSource[i]))];
    }

    /// <summary>
    /// Splits <paramref name="total"/> in proportion to <paramref name="weights"/>: each part rounded to
    /// the fen (四舍五入), the last part the remainder, so the parts always sum to the total.
    /// </summary>
    public static ImmutableArray<Money> Allocate(Money total, IReadOnlyList<decimal> weights)
    {
        var sum = weights.Sum();
        if (weights.Count == 0 || sum <= 0m)
        {
            return [];
        }
        var parts = weights.Take(weights.Count - 1).Select(w => Money.Round(total.Yuan * w / sum)).ToList();
        parts.Add(total - Money.Sum(parts));
        return [.. parts];
    }

    /// <summary>Checks that explicit tranche amounts sum to the contract amount.</summary>
    public static ImmutableArray<FieldError> ValidateAmounts(Money total, IReadOnlyList<Money> amounts)
    {
        var sum = Money.Sum(amounts);
        return sum == total ? [] : [new("Schedule", $"各付款节点金额之和 {MoneyFormat.Yuan(sum)} 不等于合同金额 {MoneyFormat.Yuan(total)}")];
    }
}
