using System.Globalization;
using Marketplace.Domain;
using Marketplace.Reports.Layout;
using Marketplace.Reports.Models;

namespace Marketplace.Reports.Documents;

/// <summary>公益创投立项公示: each funded project with organization, amount and score, the panel, the period and 异议.</summary>
public sealed class RoundPublicityReport(RoundPublicityModel model) : IReportDocument
{
    public ReportInfo Info => new("公益创投立项公示", model.Unit, model.PublishedOn);

    public void Compose(DocumentBuilder builder)
    {
        var total = Money.Sum(model.Funded.Select(f => f.Amount));
        builder.Title($"{model.RoundTitle}立项公示");
        builder.Paragraph(
            $"{model.Organizer}组织的“{model.RoundTitle}”（资金池 {MoneyFormat.Yuan(model.Pool)}，单个项目资助上限 {MoneyFormat.Yuan(model.Cap)}），"
            + $"经资格初审和专家评审，按评审得分由高到低、在资金池额度内择优确定拟资助项目 {ReportText.Count(model.Funded.Count)} 个，"
            + $"资助金额合计 {MoneyFormat.Yuan(total)}。评审得分低于 {model.MinScore.ToString("0.##", CultureInfo.InvariantCulture)} 分的项目不予资助。现公示如下：");
        builder.Space(4f);

        builder.Heading("一、拟资助项目");
        new TableBlock(
            [new("排名", 0.7f, TextAlign.Center), new("项目名称", 2.4f), new("类别", 1.1f), new("申报单位", 2.6f), TableColumn.Money("资助金额（元）", 1.6f), new("评审得分", 1f, TextAlign.Right)],
            [
                .. model.Funded.OrderBy(f => f.Rank).Select(f => new TableRow(
                    [f.Rank.ToString(CultureInfo.InvariantCulture), f.Project, f.Category, $"{f.Organization}（{f.Uscc}）", TableCell.Amount(f.Amount),
                        f.Score.ToString("0.00", CultureInfo.InvariantCulture)])),
                new TableRow(["", "合计", "", "", TableCell.Amount(total), ""], RowStyle.Total),
            ]).Render(builder);

        // A project funded at less than requested is published with the organizer's recorded reason.
        var adjusted = model.Funded.Where(f => f.AdjustmentReason is { Length: > 0 }).OrderBy(f => f.Rank).ToList();
        if (adjusted.Count > 0)
        {
            builder.Paragraph("调整资助金额的项目：" + string.Join("；", adjusted.Select(f => $"{f.Project}（{f.AdjustmentReason}）")) + "。");
        }

        builder.Heading("二、评审专家");
        builder.Paragraph(model.Panel.Count == 0 ? "（无）" : string.Join("、", model.Panel));

        builder.Heading("三、公示期");
        // Working days on the district's calendar (节假日安排), as for tender results.
        builder.Paragraph(
            $"公示期自 {ReportText.Date(model.NoticeStart)} 起至 {ReportText.Date(model.NoticeEnd)} 24时止"
            + $"（共 {ReportText.Count(model.WorkingDays)} 个工作日，法定节假日及休息日不计）。");

        builder.Heading("四、异议方式");
        builder.Paragraph(
            "本区社会组织对拟资助项目有异议的，可以在公示期内提出，写明异议的事实和理由。"
            + "异议经核实成立的，取消该项目的资助，资金依次递补给下一个符合条件的项目。");
        if (model.Contact is { Length: > 0 } contact)
        {
            builder.Paragraph("受理异议：" + contact);
        }

        builder.Space(16f);
        builder.Paragraph(model.Unit, align: TextAlign.Right);
        builder.Paragraph(ReportText.Date(model.PublishedOn), align: TextAlign.Right);
    }
}
