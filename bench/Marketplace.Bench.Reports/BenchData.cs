using Marketplace.Domain;
using Marketplace.Reports.Models;

namespace Marketplace.Bench.Reports;

/// <summary>Deterministic inputs: a district of 1,000 streets with 20,000 contracts, and one busy street.</summary>
internal static class BenchData
{
    public static readonly DateOnly Today = new(2026, 11, 22);

    /// <summary>A signed contract as the ledger would report it: which street, how much, how much paid.</summary>
    public readonly record struct ContractRow(int Street, Money Amount, Money Paid);

    public static ContractRow[] Contracts(int streets, int contracts)
    {
        var random = new Random(20261122);
        return Enumerable.Range(0, contracts)
            .Select(_ =>
            {
                var amount = Money.FromFen(random.NextInt64(1_000_000, 15_000_000));
                return new ContractRow(random.Next(streets), amount, Money.FromFen(amount.Fen * random.Next(0, 101) / 100));
            })
            .ToArray();
    }

    public static Money[] Budgets(int streets)
    {
        var random = new Random(7);
        // About one street in ten below the 2,000,000-yuan floor, as in a real district rollout.
        return Enumerable.Range(0, streets).Select(_ => Money.FromFen(random.NextInt64(180_000_000, 400_000_000))).ToArray();
    }

    /// <summary>Aggregates contracts per street, as the web app's query would, then builds the view model.</summary>
    public static DistrictBudgetReportModel District(Money[] budgets, ContractRow[] contracts)
    {
        var committed = new long[budgets.Length];
        var paid = new long[budgets.Length];
        foreach (var c in contracts)
        {
            committed[c.Street] += c.Amount.Fen;
            paid[c.Street] += c.Paid.Fen;
        }
        var streets = budgets
            .Select((b, i) => new StreetBudgetSummary($"第{i + 1}街道", b, Money.FromFen(b.Fen - 5_000_000), Money.FromFen(committed[i]), Money.FromFen(paid[i])))
            .ToList();
        return new DistrictBudgetReportModel("江宁区", 2026, "江宁区民政局", Today, streets);
    }

    public static StreetBudgetReportModel Street(int purchases) => new(
        "江宁区", "东山街道", 2026, "东山街道办事处", Today,
        [
            new("财政资金", new Money(1_500_000m)), new("福利彩票公益金", new Money(300_000m)),
            new("街道社会组织专项发展基金", new Money(150_000m)), new("社会力量", new Money(50_000m)),
        ],
        new Money(1_900_000m), new Money(1_250_000m), new Money(480_000m),
        [new("养老助残", 8, new Money(700_000m)), new("社会救助", 7, new Money(350_000m)), new("法律援助", 5, new Money(200_000m))],
        [new("合同外包", 10, new Money(800_000m)), new("项目委托", 6, new Money(300_000m)), new("公益创投", 4, new Money(150_000m))],
        Enumerable.Range(1, purchases)
            .Select(i => new PurchaseLine($"社区服务项目第{i}期", "南京市江宁区乐家社会工作服务中心", "合同外包", new Money(60_000m + i), "履约中", new Money(30_000m), "良好"))
            .ToList());

    public static AwardNoticeModel Award() => new(
        "东山街道社区居家养老服务项目", "JN-DS-2026-017", "东山街道", "南京市江宁区东山街道办事处", "竞争性磋商",
        "南京市江宁区乐家社会工作服务中心", new Money(456_000m),
        [
            new(1, "南京市江宁区乐家社会工作服务中心", new Money(456_000m), 91.35m, true),
            new(2, "南京市江宁区同心社会工作服务社", new Money(470_000m), 86.20m, false),
            new(3, "南京市江宁区阳光助老服务中心", new Money(449_000m), 79.05m, false),
        ],
        ["王建国", "李秀英", "张伟", "赵敏", "陈刚"], new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 27), "东山街道办事处", Today)
    {
        Contact = "东山街道办事处社会事务科，电话 025-52100000",
    };
}
