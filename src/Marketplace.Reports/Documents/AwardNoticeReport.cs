using System.Globalization;
using Marketplace.Domain;
using Marketplace.Reports.Layout;
using Marketplace.Reports.Models;

namespace Marketplace.Reports.Documents;

/// <summary>成交/中标结果公示: the award, every applicant's score and rank, the panel, and how to object.</summary>
public sealed class AwardNoticeReport(AwardNoticeModel model) : IReportDocument
{
    private readonly string _word = model.Kind == AwardKind.Bid ? "中标" : "成交";

    public ReportInfo Info => new($"{_word}结果公示", model.Unit, model.PublishedOn);

    public void Compose(DocumentBuilder builder)
    {
        builder.Title($"{model.TenderTitle}{_word}结果公示");
        builder.Paragraph(
            $"{model.Purchaser}就“{model.TenderTitle}”（项目编号：{model.TenderNumber}）采用{model.Method}方式组织采购，"
            + $"经评审小组评审，现将{_word}结果公示如下：");
        builder.Space(4f);

        // Sections are numbered as printed: the 评分标准 section appears only when the notice's list is given.
        var section = 0;
        string Numbered(string title) => "一二三四五六七"[section++] + "、" + title;
        builder.Heading(Numbered("项目与" + _word + "信息"));
        new TableBlock([new("事项", 1), new("内容", 3)],
        [
            new(["项目名称", model.TenderTitle]),
            new(["项目编号", model.TenderNumber]),
            new(["采购人", $"{model.Purchaser}（{model.Street}）"]),
            new(["采购方式", model.Method]),
            new([$"{_word}供应商", model.Winner]),
            new([$"{_word}金额", $"{MoneyFormat.Yuan(model.Price)}（{MoneyFormat.Wan(model.Price)}）"]),
        ]).Render(builder);

        if (model.Standard.Count > 0)
        {
            // The notice's own 评分标准 (综合评分法): what each score below was given against.
            builder.Heading(Numbered("评分标准（综合评分法）"));
            new TableBlock([new("评分因素", 2f), new("分值", 0.8f, TextAlign.Right), new("评分说明", 4.2f)],
            [
                .. model.Standard.Select(c => new TableRow([c.Name, Points(c.Weight),
                    c.Description ?? (c.IsPrice ? "最低有效报价÷本报价×" + Points(c.Weight) : ReportText.Dash)])),
                new TableRow(["合计", Points(model.Standard.Sum(c => c.Weight)), ""], RowStyle.Total),
            ]).Render(builder);
        }

        builder.Heading(Numbered("评审结果"));
        var rows = model.Applicants.OrderBy(a => a.Rank)
            .Select(a => new TableRow(
                [
                    a.Rank.ToString(CultureInfo.InvariantCulture), a.Organization, TableCell.Amount(a.Price),
                    a.TotalScore.ToString("0.00", CultureInfo.InvariantCulture), a.IsWinner ? _word : ReportText.Dash,
                ]))
            .ToList();
        new TableBlock(
            [new("排名", 0.8f, TextAlign.Center), new("申请单位", 3.4f), TableColumn.Money("报价（元）", 1.8f), new("综合得分", 1.2f, TextAlign.Right), new("结果", 1f, TextAlign.Center)],
            rows).Render(builder);

        if (model.Criteria.Count > 0)
        {
            // The panel's mean per criterion and the price score: the published parts of each total.
            builder.Paragraph("各申请单位得分（评审小组成员评分的平均值，保留两位小数）：");
            var scores = model.Applicants.OrderBy(a => a.Rank).Select(a => new TableRow(
                [
                    a.Organization,
                    .. model.Criteria.Select((_, i) => (TableCell)Score(i < a.CriterionScores.Count ? a.CriterionScores[i] : null)),
                    Score(a.PriceScore), Score(a.TotalScore),
                ])).ToList();
            new TableBlock(
                [new("申请单位", 2.6f), .. model.Criteria.Select(c => new TableColumn(c, 1.1f, TextAlign.Right)), new("价格分", 1f, TextAlign.Right), new("综合得分", 1.1f, TextAlign.Right)],
                scores).Render(builder);
        }

        builder.Heading(Numbered("评审小组成员"));
        builder.Paragraph(model.Panel.Count == 0 ? "（无）" : string.Join("、", model.Panel));

        builder.Heading(Numbered("公示期"));
        // Counted in working days on the district's calendar (节假日安排): a calendar-day count would say 6 or 9
        // for a 5-working-day period that spans a weekend or a holiday.
        var length = model.WorkingDays > 0
            ? $"共 {ReportText.Count(model.WorkingDays)} 个工作日，法定节假日及休息日不计"
            : $"共 {ReportText.Count(model.NoticeEnd.DayNumber - model.NoticeStart.DayNumber + 1)} 日";
        builder.Paragraph(
            $"公示期自 {ReportText.Date(model.NoticeStart)} 起至 {ReportText.Date(model.NoticeEnd)} 24时止（{length}）。");

        builder.Heading(Numbered("质疑方式"));
        builder.Paragraph(
            $"参与本项目的供应商认为{_word}结果使自己的权益受到损害的，可以在公示期内以书面形式向采购人提出质疑，"
            + "质疑函应写明质疑事项、事实依据及联系方式，并由法定代表人或负责人签字（签章）。"
            + "逾期提出的质疑不予受理（依据《政府采购质疑和投诉办法》，财政部令第94号）。");
        if (model.Contact is { Length: > 0 } contact)
        {
            builder.Paragraph("受理质疑：" + contact);
        }

        builder.Space(16f);
        builder.Paragraph(model.Purchaser, align: TextAlign.Right);
        builder.Paragraph(ReportText.Date(model.PublishedOn), align: TextAlign.Right);
    }

    private static string Score(decimal? points) => points is { } p ? p.ToString("0.00", CultureInfo.InvariantCulture) : ReportText.Dash;

    private static string Points(decimal weight) => weight.ToString("0.##", CultureInfo.InvariantCulture);
}
