using Marketplace.Domain;
using Marketplace.Reports.Layout;
using Marketplace.Reports.Models;

namespace Marketplace.Reports.Documents;

/// <summary>付款通知书 of one released tranche: payee, account, amount in figures and in 大写, and the reference to quote.</summary>
public sealed class PaymentNoticeReport(PaymentNoticeModel model) : IReportDocument
{
    public ReportInfo Info => new("政府购买服务付款通知书", model.Street, model.PrintedOn);

    public void Compose(DocumentBuilder builder)
    {
        builder.Title("付款通知书");
        builder.Paragraph($"付款参考号：{model.Reference}　合同编号：{model.ContractNumber}");
        builder.Paragraph($"{model.Street}财务部门：根据合同“{model.Title}”的约定和评估结果，请按下列信息支付第{model.TrancheNo}笔款项。");
        new TableBlock([new("事项", 1), new("内容", 3)],
        [
            new(["收款单位", $"{model.Payee}（统一社会信用代码 {model.Uscc}）"]),
            new(["开户银行", model.Bank]),
            new(["账户名称", model.AccountName]),
            new(["银行账号", model.AccountNumber]),
            new(["支付金额（小写）", MoneyFormat.Yuan(model.Amount)]),
            new(["支付金额（大写）", "人民币" + MoneyInWords.Capitals(model.Amount)]),
            new(["支付条件", model.Gate + (model.Grade is { } g ? $"（评估等级：{g}）" : "")]),
            new(["付款参考号", model.Reference]),
        ]).Render(builder);
        builder.Paragraph($"确认人：{model.ConfirmedBy}　确认日期：{ReportText.Date(model.ConfirmedOn)}");
        builder.Paragraph("付款时请在用途栏注明付款参考号，以便与平台的支付记录核对。", Typography.Small);
    }
}
