using System.Globalization;
using Marketplace.Domain;
using Marketplace.Reports.Layout;
using Marketplace.Reports.Models;

namespace Marketplace.Reports.Documents;

/// <summary>绩效评估报告: each source's weight and score, its indicators, the weighted total and the grade.</summary>
public sealed class EvaluationReport(EvaluationReportModel model) : IReportDocument
{
    private static string Points(decimal? p) => p is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : ReportText.Dash;

    public ReportInfo Info => new("政府购买服务绩效评估报告", model.Street, model.PrintedOn);

    public void Compose(DocumentBuilder builder)
    {
        builder.Title(model.Title + " 绩效评估报告");
        builder.Paragraph($"合同编号：{model.Number}　评估节点：第{model.TrancheNo}笔款项（{model.Gate}，{MoneyFormat.Yuan(model.TrancheAmount)}）"
            + (model.Round > 1 ? "　整改后复评" : ""));
        builder.Paragraph($"购买主体：{model.Street}　承接主体：{model.Organization}（统一社会信用代码 {model.Uscc}）");
        builder.Paragraph($"进度报告截止日期：{ReportText.Date(model.Due)}");
        builder.Heading("一、评估结果");
        builder.Paragraph(model.Grade is { } grade
            ? $"综合得分 {Points(model.Total)} 分，评估等级：{grade}。" + (model.Note is { } note ? note + "。" : "")
            : "评估尚未完成。");
        if (model.Completion is { } completion)
        {
            builder.Paragraph($"服务完成度：{completion}");
        }
        new TableBlock([new("评估主体", 1.4f), new("权重", 0.8f, TextAlign.Right), new("得分（百分制）", 1.2f, TextAlign.Right),
                new("加权得分", 1.1f, TextAlign.Right), new("评估人", 2.2f)],
            [.. model.Sources.Select(s => new TableRow([s.Source, s.Weight.ToString("0.##", CultureInfo.InvariantCulture), Points(s.Score),
                Points(s.Score is { } v ? decimal.Round(v * s.Weight / 100m, 2, MidpointRounding.AwayFromZero) : null),
                (s.By ?? ReportText.Dash) + (s.SampleSize is { } n ? $"（样本量 {n}）" : "")]))]).Render(builder);
        builder.Heading("二、分项指标");
        foreach (var s in model.Sources)
        {
            builder.Paragraph($"{s.Source}（权重 {s.Weight.ToString("0.##", CultureInfo.InvariantCulture)}）");
            new TableBlock([new("指标", 2f), new("分值", 1f, TextAlign.Right), new("得分", 1f, TextAlign.Right)],
                [.. s.Indicators.Select(i => new TableRow([i.Name, i.Weight.ToString("0.##", CultureInfo.InvariantCulture), Points(i.Score)]))]).Render(builder);
        }
        builder.Paragraph("评估等级：90分及以上为优秀，80至89.99分为良好，60至79.99分为合格，60分以下为不合格。", Typography.Small);
    }
}
