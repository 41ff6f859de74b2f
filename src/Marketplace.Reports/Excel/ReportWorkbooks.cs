using Marketplace.Budgets;
using Marketplace.Reports.Documents;
using Marketplace.Reports.Models;

namespace Marketplace.Reports.Excel;

/// <summary>
/// Excel versions of the lists officials work with, from the same view models as the PDFs, so the numbers
/// and the order of rows match the printed report.
/// </summary>
public static class ReportWorkbooks
{
    public static void District(Stream output, DistrictBudgetReportModel model)
    {
        var rows = model.BelowFloorFirst().Select(s =>
        {
            var standing = model.StandingOf(s);
            return (IReadOnlyList<object?>)
            [
                s.Street, s.Budget, model.Floor, ReportText.FloorMark(standing.MeetsFloor), standing.FloorShortfall,
                s.LastYearBudget, ReportText.GrowthMark(standing.MeetsGrowth, s.LastYearBudget is not null), s.Status,
                s.Figures.Encumbered, s.Committed, s.Disbursed, s.Figures.Available, ReportText.Percent(s.Disbursed, s.Budget),
            ];
        });
        XlsxWriter.Write(output, $"{model.District}{model.Year}年度预算",
            ["街道", "年度预算（元）", "最低标准（元）", "最低标准", "差额（元）", "上年预算（元）", "不低于上年", "状态", "预算占用（元）", "已承诺（元）",
             "已支付（元）", "可用（元）", "执行率"],
            rows);
    }

    public static void StreetPurchases(Stream output, StreetBudgetReportModel model)
    {
        var rows = model.Purchases.Select(p => (IReadOnlyList<object?>)[p.Title, p.Organization, p.Method, p.Encumbered, p.Amount, p.Status, p.Paid, p.Grade]);
        XlsxWriter.Write(output, $"{model.Street}{model.Year}年度购买项目",
            ["项目名称", "承接组织", "购买方式", "预算占用（元）", "合同金额（元）", "状态", "已支付（元）", "评估等级"],
            rows);
    }

    public static void AwardScores(Stream output, AwardNoticeModel model)
    {
        var rows = model.Applicants.OrderBy(a => a.Rank)
            .Select(a => (IReadOnlyList<object?>)[a.Rank, a.Organization, a.Price, a.TotalScore, a.IsWinner]);
        XlsxWriter.Write(output, "评审结果", ["排名", "申请单位", "报价（元）", "综合得分", "成交/中标"], rows);
    }
}
