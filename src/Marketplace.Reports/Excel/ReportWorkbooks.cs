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

    /// <summary>The district's contracts, the same lines and figures as /District/Contracts.</summary>
    public static void Contracts(Stream output, IEnumerable<ContractListLine> lines) =>
        XlsxWriter.Write(output, "合同", ["项目名称", "街道", "承接单位", "统一社会信用代码", "合同金额（元）", "已支付（元）", "服务开始", "服务结束", "状态", "末期评估等级"],
            lines.Select(l => (IReadOnlyList<object?>)[l.Title, l.Street, l.Organization, l.Uscc, l.Amount, l.Paid,
                l.TermStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                l.TermEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), l.Status, l.FinalGrade]));

    /// <summary>The district's evaluations, the same lines and scores as /District/Contracts (scores as two-decimal numbers).</summary>
    public static void Evaluations(Stream output, IEnumerable<EvaluationListLine> lines) =>
        XlsxWriter.Write(output, "绩效评估", ["项目名称", "承接单位", "付款节点", "评估节点", "报告截止", "综合得分", "等级", "款项状态"],
            lines.Select(l => (IReadOnlyList<object?>)[l.Title, l.Organization, l.TrancheNo, l.Gate,
                l.Due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                l.Total is { } t ? new TwoDecimals(t) : null, l.Grade, l.TrancheStatus]));

    /// <summary>The selection of a 公益创投 round as 立项公示 publishes it: the same projects, amounts and scores as the PDF.</summary>
    public static void RoundSelection(Stream output, RoundPublicityModel model) =>
        XlsxWriter.Write(output, "立项项目", ["排名", "项目名称", "类别", "申报单位", "统一社会信用代码", "资助金额（元）", "评审得分", "调整理由"],
            model.Funded.OrderBy(f => f.Rank).Select(f => (IReadOnlyList<object?>)[f.Rank, f.Project, f.Category, f.Organization, f.Uscc, f.Amount,
                new TwoDecimals(f.Score), f.AdjustmentReason]));
}
