using System.Text;
using Marketplace.Reports.Fonts;
using Marketplace.Reports.Layout;
using SkiaSharp;

namespace Marketplace.Reports.Rendering;

/// <summary>
/// Paints laid-out pages into a PDF with Skia's PDF backend. Every object here is created per call, so any
/// number of documents can be painted at once on different threads.
/// </summary>
internal static class PdfPainter
{
    public static void Paint(IReadOnlyList<LaidOutPage> pages, ReportInfo info, Stream output)
    {
        var typeface = FontSubsetter.CreateTypeface(UsedRunes(pages, info));
        var ownsTypeface = !ReferenceEquals(typeface, EmbeddedFont.FullTypeface);
        var fonts = new Dictionary<float, SKFont>();
        try
        {
            var metadata = new SKDocumentPdfMetadata
            {
                Title = info.Title,
                Author = info.Unit,
                Creator = "街道购买服务平台",
                Producer = "街道购买服务平台",
                Creation = info.Date.ToDateTime(TimeOnly.MinValue),
                Modified = info.Date.ToDateTime(TimeOnly.MinValue),
            };
            using var wrapped = new SKManagedWStream(output);
            using var document = SKDocument.CreatePdf(wrapped, metadata)
                ?? throw new InvalidOperationException("Skia could not create a PDF document.");
            using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
            using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke };
            using var dash = SKPathEffect.CreateDash([4f, 3f], 0f);
            foreach (var page in pages)
            {
                var canvas = document.BeginPage(PageGeometry.Width, PageGeometry.Height);
                foreach (var op in page.Ops)
                {
                    Draw(canvas, op, fill, stroke, dash, size => Font(fonts, typeface, size));
                }
                document.EndPage();
            }
            document.Close();
        }
        finally
        {
            foreach (var font in fonts.Values)
            {
                font.Dispose();
            }
            if (ownsTypeface)
            {
                typeface.Dispose();
            }
        }
    }

    private static void Draw(SKCanvas canvas, DrawOp op, SKPaint fill, SKPaint stroke, SKPathEffect dash, Func<float, SKFont> font)
    {
        switch (op)
        {
            case TextOp t:
                fill.Color = t.Color;
                canvas.DrawText(t.Text, t.X, t.Y, SKTextAlign.Left, font(t.Size), fill);
                break;
            case RectOp r:
                if (r.Fill is { } f)
                {
                    fill.Color = f;
                    canvas.DrawRect(r.Rect, fill);
                }
                if (r.Stroke is { } s)
                {
                    stroke.Color = s;
                    stroke.StrokeWidth = r.StrokeWidth;
                    stroke.PathEffect = null;
                    canvas.DrawRect(r.Rect, stroke);
                }
                break;
            case LineOp l:
                stroke.Color = l.Color;
                stroke.StrokeWidth = l.Width;
                stroke.PathEffect = l.Dashed ? dash : null;
                canvas.DrawLine(l.X0, l.Y0, l.X1, l.Y1, stroke);
                stroke.PathEffect = null;
                break;
            default:
                throw new NotSupportedException(op.GetType().Name);
        }
    }

    private static SKFont Font(Dictionary<float, SKFont> cache, SKTypeface typeface, float size)
    {
        if (!cache.TryGetValue(size, out var font))
        {
            font = new SKFont(typeface, size) { Subpixel = true, Edging = SKFontEdging.Antialias };
            cache[size] = font;
        }
        return font;
    }

    /// <summary>Every character any page draws, so the subset font contains all of them and nothing more.</summary>
    private static IEnumerable<Rune> UsedRunes(IReadOnlyList<LaidOutPage> pages, ReportInfo info)
    {
        var runes = new HashSet<Rune>();
        foreach (var text in pages.SelectMany(p => p.Ops).OfType<TextOp>().Select(t => t.Text).Append(info.Title))
        {
            foreach (var rune in text.EnumerateRunes())
            {
                runes.Add(rune);
            }
        }
        return runes;
    }
}
