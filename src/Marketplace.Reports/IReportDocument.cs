using Marketplace.Reports.Layout;

namespace Marketplace.Reports;

/// <summary>A report that can be rendered: its header/footer information and how it fills its pages.</summary>
public interface IReportDocument
{
    ReportInfo Info { get; }

    void Compose(DocumentBuilder builder);
}
