using Marketplace.Reports.Layout;
using Marketplace.Reports.Rendering;

namespace Marketplace.Reports;

/// <summary>
/// Entry point for the web app and jobs: turns a report document into PDF bytes. Stateless apart from the
/// process-wide font, so it is safe to call from many requests at once.
/// </summary>
public static class ReportRenderer
{
    public static byte[] Render(IReportDocument document)
    {
        using var buffer = new MemoryStream();
        RenderTo(document, buffer);
        return buffer.ToArray();
    }

    public static void RenderTo(IReportDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        var builder = new DocumentBuilder();
        document.Compose(builder);
        var pages = builder.Finish(document.Info);
        PdfPainter.Paint(pages, document.Info, output);
    }
}
