using Marketplace.Reports.Models;

namespace Marketplace.Reports.Excel;

/// <summary>
/// Excel versions of report tables, from the same view models as the PDFs, so the numbers and the order
/// of rows match the printed report. The district's budget list is built by /District/Budgets from the
/// figures the page shows.
/// </summary>
public static class ReportWorkbooks
{
    public static void AwardScores(Stream output, AwardNoticeModel model)
    {
        // Every column the 结果公示 publishes: each criterion's mean, the price score and the total, all as
        // two-decimal numbers (Scoring.Round2) so Excel sums them to the published total.
        var rows = model.Applicants.OrderBy(a => a.Rank).Select(a => (IReadOnlyList<object?>)
        [
            a.Rank, a.Organization, a.Price,
            .. model.Criteria.Select((_, i) => i < a.CriterionScores.Count && a.CriterionScores[i] is { } p ? new TwoDecimals(p) : (object?)null),
            a.PriceScore is { } ps ? new TwoDecimals(ps) : null,
            new TwoDecimals(a.TotalScore), a.IsWinner,
        ]);
        XlsxWriter.Write(output, "评审结果", ["排名", "申请单位", "报价（元）", .. model.Criteria, "价格分", "综合得分", "成交/中标"], rows);
    }
}
