using BenchmarkDotNet.Attributes;
using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Reports.Fonts;
using SkiaSharp;

namespace Marketplace.Bench.Reports;

/// <summary>
/// Report rendering next to raw Skia baselines measured in the same run, so the layout layer's own cost can be
/// told apart from the PDF backend's.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ReportBenchmarks
{
    private Marketplace.Domain.Money[] _budgets = [];
    private BenchData.ContractRow[] _contracts = [];
    private StreetBudgetReport _street = null!;
    private string _glyphs = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _budgets = BenchData.Budgets(1_000);
        _contracts = BenchData.Contracts(1_000, 20_000);
        _street = new StreetBudgetReport(BenchData.Street(20));
        const string sample = "街道购买服务年度预算执行报告财政资金福利彩票公益金社会力量合同外包项目委托公益创投达标未达标";
        _glyphs = string.Concat(Enumerable.Repeat(sample, 2_000 / sample.Length + 1))[..2_000];
        _ = EmbeddedFont.FullTypeface; // load the font outside the measured region
    }

    [Benchmark(Description = "District report: 1,000 streets, 20,000 contracts")]
    public int DistrictReport() => ReportRenderer.Render(new DistrictBudgetReport(BenchData.District(_budgets, _contracts))).Length;

    [Benchmark(Description = "Street report: 20 purchases")]
    public int StreetReport() => ReportRenderer.Render(_street).Length;

    [Benchmark(Baseline = true, Description = "Skia baseline: empty PDF page")]
    public long EmptyPage()
    {
        using var stream = new SKDynamicMemoryWStream();
        using (var document = SKDocument.CreatePdf(stream))
        {
            document.BeginPage(595.28f, 841.89f);
            document.EndPage();
            document.Close();
        }
        return stream.BytesWritten;
    }

    [Benchmark(Description = "Skia baseline: 2,000 glyphs, whole font embedded")]
    public long GlyphPage()
    {
        using var stream = new SKDynamicMemoryWStream();
        using (var document = SKDocument.CreatePdf(stream))
        {
            var canvas = document.BeginPage(595.28f, 841.89f);
            using var font = new SKFont(EmbeddedFont.FullTypeface, 10f);
            using var paint = new SKPaint { Color = SKColors.Black };
            for (var line = 0; line < 40; line++)
            {
                canvas.DrawText(_glyphs.Substring(line * 50, 50), 40f, 60f + line * 18f, SKTextAlign.Left, font, paint);
            }
            document.EndPage();
            document.Close();
        }
        return stream.BytesWritten;
    }
}
