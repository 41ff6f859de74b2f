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
        var rows = model.Applicants.OrderBy(a => a.Rank)
            .Select(a => (IReadOnlyList<object?>)[a.Rank, a.Organization, a.Price, a.TotalScore, a.IsWinner]);
        XlsxWriter.Write(output, "评审结果", ["排名", "申请单位", "报价（元）", "综合得分", "成交/中标"], rows);
    }
}
