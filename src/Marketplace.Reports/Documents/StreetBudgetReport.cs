using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Reports.Layout;
using Marketplace.Reports.Models;

namespace Marketplace.Reports.Documents;

/// <summary>街道购买服务年度预算执行报告: one street, one year.</summary>
public sealed class StreetBudgetReport(StreetBudgetReportModel model) : IReportDocument
{
    public const string DocumentTitle = "街道购买服务年度预算执行报告";

    public ReportInfo Info { get; } = new(DocumentTitle, model.Unit, model.GeneratedOn);

    public void Compose(DocumentBuilder builder)
    {
        builder.Title(DocumentTitle);
        builder.Paragraph($"{model.District} {model.Street} · {model.Year}年度", Typography.Body, Typography.Muted, TextAlign.Center);
        builder.Space(6f);
        FloorBox().Render(builder);

        builder.Heading("一、预算来源");
        FundingTable().Render(builder);

        builder.Heading("二、预算执行");
        ExecutionTable().Render(builder);
        new BarChartBlock(
            $"{model.Street}{model.Year}年度预算、承诺与支付对比",
            ReportText.BudgetSeries,
            [new BarGroup(model.Street, [model.Budget, model.Committed, model.Disbursed])],
            model.Floor,
            "最低标准 " + MoneyFormat.Wan(model.Floor)).Render(builder);

        builder.Heading("三、按服务领域");
        BreakdownTable("服务领域", model.ByServiceArea).Render(builder);

        builder.Heading("四、按购买方式");
        BreakdownTable("购买方式", model.ByMethod).Render(builder);

        builder.Heading("五、购买项目明细");
        if (model.Purchases.Count == 0)
        {
            builder.Paragraph("本年度暂无购买项目。");
        }
        else
        {
            PurchaseTable().Render(builder);
        }
        if (model.Grid.Count > 0)
        {
            builder.Heading("六、网格服务与群众满意度");
            GridTable().Render(builder);
        }
    }

    private TableBlock GridTable()
    {
        var last = model.Grid.Count - 1;
        var rows = model.Grid.Select((g, i) => new TableRow(
        [
            g.Name, ReportText.Count(g.Figures.Matters), ReportText.Count(g.Figures.Closed), Marketplace.Grid.MatterFigures.Percent(g.Figures.OnTimeRate),
            ReportText.Count(g.Figures.Ratings), Marketplace.Grid.MatterFigures.Percent(g.Figures.VerySatisfiedRate),
        ], i == last ? RowStyle.Total : RowStyle.Normal)).ToList();
        return new TableBlock(
        [
            new("村(社区)", 2.4f), new("事项", 1f, TextAlign.Right), new("办结", 1f, TextAlign.Right), new("按期办结率", 1.4f, TextAlign.Right),
            new("评价", 1f, TextAlign.Right), new("非常满意率", 1.4f, TextAlign.Right),
        ], rows);
    }

    private NoticeBox FloorBox()
    {
        var s = model.Standing;
        var lines = new List<string>
        {
            $"年度预算：{MoneyFormat.Yuan(s.Total)}（{MoneyFormat.Wan(s.Total)}），{model.Status}",
            s.MeetsFloor
                ? $"最低标准：{ReportText.FloorMark(true)}"
                : $"最低标准：{ReportText.FloorMark(false)}，差额 {MoneyFormat.Yuan(s.FloorShortfall)}",
            GrowthLine(s),
        };
        var accent = s.Flagged ? Typography.Alert : Typography.Accent;
        var fill = s.Flagged ? Typography.AlertFill : Typography.HeaderFill;
        return new NoticeBox($"购买服务资金最低标准：每个街道每年{ReportText.FloorLine(s.Floor)}", lines, accent, fill);
    }

    private static string GrowthLine(BudgetStanding s) => (s.PreviousYearTotal, s.PreviousYearTotal is { } p ? s.Total - p : (Money?)null) switch
    {
        ({ } last, { } growth) when s.MeetsGrowth =>
            $"增长机制（不低于上年）：{ReportText.GrowthMet}，上年预算 {MoneyFormat.Yuan(last)}，增加 {MoneyFormat.Yuan(growth)}",
        ({ } last, { } growth) =>
            $"增长机制（不低于上年）：{ReportText.GrowthNotMet}，上年预算 {MoneyFormat.Yuan(last)}，减少 {MoneyFormat.Yuan(-growth)}",
        _ => "增长机制（不低于上年）：无上年预算数据",
    };

    private TableBlock FundingTable()
    {
        var rows = model.Funding
            .Select(f => new TableRow([f.Source, TableCell.Amount(f.Budget), ReportText.Percent(f.Budget, model.Budget)]))
            .Append(new TableRow(["合计", TableCell.Amount(model.Budget), ReportText.Percent(model.Budget, model.Budget)], RowStyle.Total))
            .ToList();
        return new TableBlock([new("资金来源", 3), TableColumn.Money("预算金额（元）", 2), new("占比", 1, TextAlign.Right)], rows);
    }

    private TableBlock ExecutionTable()
    {
        var s = model.Standing;
        var floorMark = new TableCell(ReportText.FloorMark(s.MeetsFloor), s.MeetsFloor ? Typography.Good : Typography.Alert);
        List<TableRow> rows =
        [
            new(["年度预算", TableCell.Amount(model.Budget), floorMark]),
            new(["最低标准", TableCell.Amount(model.Floor), s.MeetsFloor ? ReportText.Dash : "差额 " + MoneyFormat.Plain(s.FloorShortfall)]),
            new(["上年预算", TableCell.Amount(model.LastYearBudget), ReportText.GrowthMark(s.MeetsGrowth, model.LastYearBudget is not null)]),
            new(["已下达", TableCell.Amount(model.Figures.Allocated), model.Status]),
            new(["预算占用（已发布公告）", TableCell.Amount(model.Figures.Encumbered), "占用率 " + ReportText.Percent(model.Figures.Encumbered, model.Budget)]),
            new(["已承诺（已签合同）", TableCell.Amount(model.Committed), "承诺率 " + ReportText.Percent(model.Committed, model.Budget)]),
            new(["已支付", TableCell.Amount(model.Disbursed), "执行率 " + ReportText.Percent(model.Disbursed, model.Budget)]),
            new(["可用余额", TableCell.Amount(model.Available), "已下达减占用、承诺、支付"]),
        ];
        return new TableBlock([new("项目", 3), TableColumn.Money("金额（元）", 2), new("说明", 2)], rows);
    }

    private TableBlock BreakdownTable(string keyHeader, IReadOnlyList<BreakdownLine> lines)
    {
        var total = Money.Sum(lines.Select(l => l.Amount));
        var rows = lines
            .Select(l => new TableRow([l.Name, new TableCell(ReportText.Count(l.Count)), TableCell.Amount(l.Encumbered), TableCell.Amount(l.Amount), ReportText.Percent(l.Amount, total)]))
            .Append(new TableRow(["合计", ReportText.Count(lines.Sum(l => l.Count)), TableCell.Amount(Money.Sum(lines.Select(l => l.Encumbered))),
                TableCell.Amount(total), ReportText.Percent(total, total)], RowStyle.Total))
            .ToList();
        return new TableBlock(
            [new(keyHeader, 3), new("项目数", 1, TextAlign.Right), TableColumn.Money("预算占用（元）", 2), TableColumn.Money("合同金额（元）", 2), new("占比", 1, TextAlign.Right)],
            rows);
    }

    private TableBlock PurchaseTable()
    {
        var rows = model.Purchases
            .Select((p, i) => new TableRow(
            [
                ReportText.Count(i + 1), p.Title, p.Organization, p.Method, TableCell.Amount(p.Encumbered), TableCell.Amount(p.Amount), p.Status,
                TableCell.Amount(p.Paid), p.Grade ?? ReportText.Dash,
            ]))
            .ToList();
        return new TableBlock(
        [
            new("序号", 0.6f, TextAlign.Center), new("项目名称", 2.2f), new("承接组织", 1.8f), new("购买方式", 1f),
            TableColumn.Money("预算占用（元）", 1.8f), TableColumn.Money("合同金额（元）", 1.8f), new("状态", 0.9f, TextAlign.Center), TableColumn.Money("已支付（元）", 1.8f),
            new("评估等级", 1f, TextAlign.Center),
        ], rows);
    }
}
