using Marketplace.Reports;
using Marketplace.Reports.Layout;
using UglyToad.PdfPig;

namespace Marketplace.Tests.Reports;

public sealed class SmokeTests
{
    private sealed class Doc : IReportDocument
    {
        public ReportInfo Info { get; } = new("街道购买服务年度预算执行报告", "江宁区民政局", new DateOnly(2026, 11, 22));

        public void Compose(DocumentBuilder builder)
        {
            builder.Title("街道购买服务年度预算执行报告");
            builder.Heading("一、预算概况");
            builder.Paragraph("每个街道每年用于购买社会服务的资金不少于 2,000,000.00 元，本街道达标。");
            new TableBlock([new TableColumn("街道", 2), TableColumn.Money("预算（元）", 1)],
                Enumerable.Range(0, 80).Select(i => new TableRow([$"东山街道{i}", "2,000,000.00"])).ToList()).Render(builder);
        }
    }

    [Fact]
    public void Smoke()
    {
        var bytes = ReportRenderer.Render(new Doc());
        File.WriteAllBytes("/tmp/smoke.pdf", bytes);
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        File.WriteAllText("/tmp/smoke.txt", text + "\nSIZE " + bytes.Length);
        Assert.Contains("2,000,000.00", text);
    }
}
