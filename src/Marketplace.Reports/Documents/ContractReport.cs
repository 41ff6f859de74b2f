using System.Globalization;
using Marketplace.Domain;
using Marketplace.Reports.Layout;
using Marketplace.Reports.Models;

namespace Marketplace.Reports.Documents;

/// <summary>政府购买服务合同: the amount in figures and in Chinese capitals (大写), as payment documents require.</summary>
public sealed class ContractReport(ContractModel model) : IReportDocument
{
    public ReportInfo Info => new("政府购买服务合同", model.Street, model.PrintedOn);

    public void Compose(DocumentBuilder builder)
    {
        builder.Title(model.Title + " 服务合同");
        builder.Paragraph($"合同编号：{model.Number}");
        builder.Heading("一、合同双方");
        new TableBlock([new("事项", 1), new("内容", 3)],
        [
            new(["甲方（购买主体）", model.Street]),
            new(["乙方（承接主体）", $"{model.Organization}（统一社会信用代码 {model.Uscc}）"]),
            new(["乙方收款账户", model.Account ?? "（签订时填写）"]),
        ]).Render(builder);
        builder.Heading("二、服务内容与期限");
        builder.Paragraph(model.Content);
        builder.Paragraph($"服务期限：{ReportText.Date(model.TermStart)} 至 {ReportText.Date(model.TermEnd)}。");
        builder.Heading("三、合同金额");
        builder.Paragraph($"合同金额 {MoneyFormat.Yuan(model.Amount)}（大写：人民币{MoneyInWords.Capitals(model.Amount)}），资金来源：{model.Funding}。");
        builder.Heading("四、付款计划（按评估结果兑现）");
        new TableBlock([new("节点", 0.8f, TextAlign.Center), new("支付条件", 2f), new("比例", 1f, TextAlign.Right), TableColumn.Money("金额（元）", 1.6f), new("状态", 1f, TextAlign.Center)],
            [.. model.Tranches.Select(t => new TableRow([t.No.ToString(CultureInfo.InvariantCulture), t.Gate,
                t.SharePercent.ToString("0.##", CultureInfo.InvariantCulture) + "%", TableCell.Amount(t.Amount), t.Status]))]).Render(builder);
        builder.Heading("五、签订");
        builder.Paragraph($"甲方（盖章）：{model.Street}　签订：{model.StreetSignature ?? "未签"}");
        builder.Paragraph($"乙方（盖章）：{model.Organization}　签订：{model.OrganizationSignature ?? "未签"}");
    }
}
