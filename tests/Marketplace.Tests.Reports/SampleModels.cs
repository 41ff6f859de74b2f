using Marketplace.Domain;
using Marketplace.Reports.Models;

namespace Marketplace.Tests.Reports;

/// <summary>Report inputs shaped like the 江宁区 pilot: real street names, the four funding channels.</summary>
internal static class SampleModels
{
    public static readonly DateOnly Today = new(2026, 11, 22);

    public static readonly string[] JiangningStreets =
        ["东山街道", "秣陵街道", "汤山街道", "淳化街道", "禄口街道", "江宁街道", "谷里街道", "湖熟街道", "横溪街道", "麒麟街道"];

    public static Money Yuan(decimal yuan) => new(yuan);

    public static StreetBudgetReportModel Street(decimal fiscal = 1_500_000m, decimal? lastYear = 1_900_000m, int purchases = 6) => new(
        "江宁区",
        "东山街道",
        2026,
        "东山街道办事处",
        Today,
        [
            new FundingLine("财政资金", Yuan(fiscal)),
            new FundingLine("福利彩票公益金", Yuan(300_000m)),
            new FundingLine("街道社会组织专项发展基金", Yuan(150_000m)),
            new FundingLine("社会力量", Yuan(50_000m)),
        ],
        lastYear is { } l ? Yuan(l) : null,
        Yuan(1_250_000m),
        Yuan(480_000.50m),
        [new BreakdownLine("养老助残", 3, Yuan(700_000m)), new BreakdownLine("社会救助", 2, Yuan(350_000m)), new BreakdownLine("法律援助", 1, Yuan(200_000m))],
        [new BreakdownLine("合同外包", 3, Yuan(800_000m)), new BreakdownLine("项目委托", 2, Yuan(300_000m)), new BreakdownLine("公益创投", 1, Yuan(150_000m))],
        Enumerable.Range(1, purchases).Select(i => new PurchaseLine(
            $"社区居家养老服务项目第{i}期",
            "南京市江宁区乐家社会工作服务中心",
            i % 2 == 0 ? "项目委托" : "合同外包",
            Yuan(100_000m + i),
            i % 3 == 0 ? "履约中" : "已签约",
            i % 2 == 0 ? Yuan(50_000m) : null,
            i % 2 == 0 ? "良好" : null)).ToList());

    public static DistrictBudgetReportModel District(IReadOnlyList<StreetBudgetSummary> streets) =>
        new("江宁区", 2026, "江宁区民政局", Today, streets);

    /// <summary>The ten 江宁 streets, all above the floor except those given budgets below it.</summary>
    public static DistrictBudgetReportModel Jiangning(params (string Street, decimal Budget)[] overrides)
    {
        var streets = JiangningStreets.Select((name, i) =>
        {
            var budget = overrides.FirstOrDefault(o => o.Street == name) is { Street: not null } o ? o.Budget : 2_100_000m + i * 10_000m;
            return new StreetBudgetSummary(name, Yuan(budget), Yuan(2_000_000m), Money.Round(budget / 2m), Money.Round(budget / 4m));
        }).ToList();
        return District(streets);
    }

    /// <summary>Many numbered streets, for page-break behaviour.</summary>
    public static DistrictBudgetReportModel ManyStreets(int count) => District(
        Enumerable.Range(1, count)
            .Select(i => new StreetBudgetSummary($"测试{i}号街道", Yuan(2_000_000m + i), null, Yuan(1_000_000m), Yuan(500_000m)))
            .ToList());

    public static AwardNoticeModel Award() => new(
        "东山街道社区居家养老服务项目",
        "JN-DS-2026-017",
        "东山街道",
        "南京市江宁区东山街道办事处",
        "竞争性磋商",
        "南京市江宁区乐家社会工作服务中心",
        Yuan(456_000m),
        [
            new ApplicantResult(1, "南京市江宁区乐家社会工作服务中心", Yuan(456_000m), 91.35m, true),
            new ApplicantResult(2, "南京市江宁区同心社会工作服务社", Yuan(470_000m), 86.20m, false),
            new ApplicantResult(3, "南京市江宁区阳光助老服务中心", Yuan(449_000m), 79.05m, false),
        ],
        ["王建国", "李秀英", "张伟"],
        new DateOnly(2026, 11, 23),
        new DateOnly(2026, 11, 27),
        "东山街道办事处",
        Today)
    {
        Contact = "东山街道办事处社会事务科，电话 025-52100000",
    };
}
