using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Reports.Layout;
using Marketplace.Reports.Models;

namespace Marketplace.Reports.Documents;

/// <summary>
/// One district's part of a budget report: summary box, the per-street table and a chart. Shared by the
/// single-district report and the all-districts report so both read the same.
/// </summary>
internal sealed class DistrictSection(DistrictBudgetReportModel model)
{
    /// <summary>Beyond this many streets a chart is unreadable; it then shows the streets with the smallest budgets.</summary>
    private const int ChartStreets = 20;

    public void Compose(DocumentBuilder builder)
    {
        var ordered = model.BelowFloorFirst();
        SummaryBox(ordered).Render(builder);
        StreetTable(ordered).Render(builder);
        Chart().Render(builder);
    }

    private NoticeBox SummaryBox(IReadOnlyList<StreetBudgetSummary> ordered)
    {
        var below = ordered.Where(s => !model.StandingOf(s).MeetsFloor).ToList();
        var shrinking = ordered.Count(s => !model.StandingOf(s).MeetsGrowth);
        var lines = new List<string>
        {
            $"共 {ReportText.Count(ordered.Count)} 个街道：{ReportText.FloorMet} {ReportText.Count(ordered.Count - below.Count)} 个，"
                + $"{ReportText.FloorNotMet} {ReportText.Count(below.Count)} 个；预算低于上年 {ReportText.Count(shrinking)} 个。",
        };
        if (below.Count == 0)
        {
            lines.Add("全部街道均达到最低标准。");
        }
        else
        {
            lines.Add("以下街道年度预算低于最低标准：");
            lines.AddRange(below.Select((s, i) =>
                $"{ReportText.Count(i + 1)}. {s.Street}：预算 {MoneyFormat.Yuan(s.Budget)}，{ReportText.FloorNotMet}，差额 {MoneyFormat.Yuan(model.StandingOf(s).FloorShortfall)}"));
        }
        var accent = below.Count > 0 ? Typography.Alert : Typography.Accent;
        var fill = below.Count > 0 ? Typography.AlertFill : Typography.HeaderFill;
        return new NoticeBox($"最低标准：每个街道每年购买服务资金{ReportText.FloorLine(model.Floor)}", lines, accent, fill);
    }

    private TableBlock StreetTable(IReadOnlyList<StreetBudgetSummary> ordered)
    {
        var rows = new List<TableRow>(ordered.Count + 1);
        for (var i = 0; i < ordered.Count; i++)
        {
            var s = ordered[i];
            var standing = model.StandingOf(s);
            var mark = new TableCell(ReportText.FloorMark(standing.MeetsFloor), standing.MeetsFloor ? Typography.Good : Typography.Alert);
            var growth = new TableCell(ReportText.GrowthMark(standing.MeetsGrowth, s.LastYearBudget is not null), standing.MeetsGrowth ? null : Typography.Alert);
            rows.Add(new TableRow(
                [ReportText.Count(i + 1), StreetCell(s), TableCell.Amount(s.Budget), mark, growth, TableCell.Amount(s.Figures.Encumbered),
                 TableCell.Amount(s.Committed), TableCell.Amount(s.Disbursed), ReportText.Percent(s.Disbursed, s.Budget)],
                standing.MeetsFloor ? RowStyle.Normal : RowStyle.Alert));
        }
        var budget = Money.Sum(ordered.Select(s => s.Budget));
        var disbursed = Money.Sum(ordered.Select(s => s.Disbursed));
        var total = BudgetFigures.Sum(ordered.Select(s => s.Figures));
        rows.Add(new TableRow(
            ["", "合计", TableCell.Amount(budget), "", "", TableCell.Amount(total.Encumbered), TableCell.Amount(total.Committed),
             TableCell.Amount(disbursed), ReportText.Percent(disbursed, budget)],
            RowStyle.Total));
        return new TableBlock(
        [
            new("序号", 0.6f, TextAlign.Center), new("街道", 1.6f), TableColumn.Money("年度预算（元）", 2f),
            new("最低标准", 0.9f, TextAlign.Center), new("不低于上年", 1f, TextAlign.Center), TableColumn.Money("预算占用（元）", 2f),
            TableColumn.Money("已承诺（元）", 2f), TableColumn.Money("已支付（元）", 2f), new("执行率", 0.8f, TextAlign.Right),
        ], rows);
    }

    /// <summary>A budget not yet confirmed says so beside the street, as the web pages' status column does.</summary>
    private static string StreetCell(StreetBudgetSummary s) => s.Status == "已确认" ? s.Street : $"{s.Street}（{s.Status}）";

    private BarChartBlock Chart()
    {
        var streets = model.Streets.Count <= ChartStreets
            ? model.Streets
            : model.Streets.OrderBy(s => s.Budget).Take(ChartStreets).ToList();
        var caption = model.Streets.Count <= ChartStreets
            ? $"{model.District}{model.Year}年度各街道预算执行对比"
            : $"{model.District}{model.Year}年度预算最低的 {ReportText.Count(ChartStreets)} 个街道";
        return new BarChartBlock(
            caption,
            ReportText.BudgetSeries,
            streets.Select(s => new BarGroup(s.Street, [s.Budget, s.Committed, s.Disbursed])).ToList(),
            model.Floor,
            "最低标准 " + MoneyFormat.Wan(model.Floor));
    }
}
