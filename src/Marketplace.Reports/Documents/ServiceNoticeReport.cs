using Marketplace.Domain;
using Marketplace.Reports.Layout;
using Marketplace.Reports.Models;

namespace Marketplace.Reports.Documents;

/// <summary>服务公示牌: posted where the service is delivered, with the link and QR code residents rate it by (群众评).</summary>
public sealed class ServiceNoticeReport(ServiceNoticeModel model) : IReportDocument
{
    public ReportInfo Info => new("政府购买服务公示", model.Street, model.PrintedOn);

    public void Compose(DocumentBuilder builder)
    {
        builder.Title("政府购买服务公示");
        builder.Heading(model.Title);
        builder.Paragraph($"购买主体：{model.Street}");
        builder.Paragraph($"承接主体：{model.Organization}");
        builder.Paragraph($"合同金额：{MoneyFormat.Yuan(model.Amount)}　服务期限：{ReportText.Date(model.TermStart)} 至 {ReportText.Date(model.TermEnd)}");
        builder.Paragraph($"服务内容：{model.Content}");
        builder.Heading("请您评价本项服务");
        builder.Paragraph("扫描下方二维码或访问以下网址，对服务满意度打分（1至5星），每个手机号每个评估期可评价一次，评价结果计入本项目绩效评估的群众评。");
        builder.Paragraph(model.RatingUrl, Typography.Body, null, TextAlign.Center);
        new QrBlock(model.QrModules, 150f, "居民评价二维码").Render(builder);
    }
}
