using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Reports.Fonts;
using UglyToad.PdfPig;

namespace Marketplace.Tests.Reports;

public sealed class RenderingTests
{
    [Fact]
    public void Rendering_the_same_report_eight_times_in_parallel_gives_identical_text()
    {
        var report = new DistrictBudgetReport(SampleModels.ManyStreets(60));
        var texts = new string[8];

        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => texts[i] = PdfText.All(ReportRenderer.Render(report)));

        Assert.Contains("测试60号街道", texts[0]);
        Assert.All(texts, t => Assert.Equal(texts[0], t));
    }

    [Fact]
    public void Small_report_embeds_a_font_subset_far_smaller_than_the_whole_font()
    {
        var pdf = ReportRenderer.Render(new StreetBudgetReport(SampleModels.Street()));

        Assert.True(EmbeddedFont.FontBytes.Length > 2_000_000, "the shipped font is the full WenQuanYi Micro Hei");
        Assert.True(pdf.Length < 500 * 1024, $"PDF is {pdf.Length} bytes");
        using var document = PdfDocument.Open(pdf);
        Assert.Contains("街道购买服务年度预算执行报告", document.GetPage(1).Text);
    }

    [Fact]
    public void Subsetter_keeps_only_the_requested_characters()
    {
        var subset = FontSubsetter.TrySubset("达标未达标0123456789".EnumerateRunes());

        Assert.NotNull(subset);
        Assert.True(subset.Length < 50_000, $"subset is {subset.Length} bytes");
        using var typeface = SkiaSharp.SKTypeface.FromData(SkiaSharp.SKData.CreateCopy(subset));
        Assert.NotNull(typeface);
        Assert.True(typeface.ContainsGlyph('达'));
        Assert.False(typeface.ContainsGlyph('街'));
    }

    [Fact]
    public void Render_to_stream_writes_the_same_document_as_render()
    {
        var report = new AwardNoticeReport(SampleModels.Award());
        using var stream = new MemoryStream();

        ReportRenderer.RenderTo(report, stream);

        Assert.Equal(PdfText.All(ReportRenderer.Render(report)), PdfText.All(stream.ToArray()));
        Assert.True(stream.CanWrite, "the caller's stream is left open");
    }

    [Fact]
    public void Unusable_subset_falls_back_to_the_full_font()
    {
        var text = "达标未达标".EnumerateRunes().ToList();

        Assert.Same(EmbeddedFont.FullTypeface, FontSubsetter.CreateTypeface(text, _ => null));
        Assert.Same(EmbeddedFont.FullTypeface, FontSubsetter.CreateTypeface(text, _ => [0, 1, 2, 3]));
        // A valid font that lacks some of the characters is refused too.
        Assert.Same(EmbeddedFont.FullTypeface, FontSubsetter.CreateTypeface(text, _ => FontSubsetter.TrySubset("达".EnumerateRunes())));
        var good = FontSubsetter.CreateTypeface(text, FontSubsetter.TrySubset);
        Assert.NotSame(EmbeddedFont.FullTypeface, good);
        good.Dispose();
    }
}
