using Marketplace.Reports.Layout;
using Marketplace.Reports.Models;

namespace Marketplace.Reports.Documents;

/// <summary>区街道购买服务预算执行汇总报告: every street of one district, below-floor streets first.</summary>
public sealed class DistrictBudgetReport(DistrictBudgetReportModel model) : IReportDocument
{
    public const string DocumentTitle = "街道购买服务预算执行汇总报告";

    public ReportInfo Info { get; } = new(DocumentTitle, model.Unit, model.GeneratedOn);

    public void Compose(DocumentBuilder builder)
    {
        builder.Title(DocumentTitle);
        builder.Paragraph($"{model.District} · {model.Year}年度", Typography.Body, Typography.Muted, TextAlign.Center);
        builder.Space(6f);
        new DistrictSection(model).Compose(builder);
    }
}
