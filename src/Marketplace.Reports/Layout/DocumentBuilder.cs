using System.Globalization;
using SkiaSharp;

namespace Marketplace.Reports.Layout;

/// <summary>
/// Flows blocks down A4 pages, starting a new page when a block does not fit. Produces draw instructions only;
/// painting to PDF happens later, once the page count is known.
/// </summary>
public sealed class DocumentBuilder
{
    private readonly List<LaidOutPage> _pages = [];

    public DocumentBuilder()
    {
        NewPage();
    }

    /// <summary>Top of the free space on the current page.</summary>
    public float Y { get; set; }

    public LaidOutPage Page => _pages[^1];

    public int PageCount => _pages.Count;

    public float Remaining => PageGeometry.ContentBottom - Y;

    public void NewPage()
    {
        _pages.Add(new LaidOutPage());
        Y = PageGeometry.ContentTop;
    }

    /// <summary>Moves to a fresh page unless the block fits here or the page is still empty.</summary>
    public void EnsureSpace(float height)
    {
        if (height > Remaining && Y > PageGeometry.ContentTop)
        {
            NewPage();
        }
    }

    public void Space(float height) => Y = Math.Min(Y + height, PageGeometry.ContentBottom);

    public void Title(string text)
    {
        var lines = TextWrapper.Wrap(text, Typography.Title, PageGeometry.ContentWidth);
        var lineHeight = Typography.LineHeight(Typography.Title);
        EnsureSpace(lines.Count * lineHeight);
        foreach (var line in lines)
        {
            TextInBox(PageGeometry.Left, Y, PageGeometry.ContentWidth, lineHeight, line, Typography.Title, Typography.Accent, TextAlign.Center);
            Y += lineHeight;
        }
        Space(6f);
    }

    /// <summary>A section heading, kept on the same page as at least a few lines of what follows it.</summary>
    public void Heading(string text)
    {
        var lineHeight = Typography.LineHeight(Typography.Heading);
        EnsureSpace(lineHeight + 4 * Typography.LineHeight(Typography.Table));
        Space(4f);
        TextInBox(PageGeometry.Left, Y, PageGeometry.ContentWidth, lineHeight, text, Typography.Heading, Typography.Accent, TextAlign.Left);
        Y += lineHeight;
        Page.Add(new LineOp(PageGeometry.Left, Y, PageGeometry.Right, Y, Typography.Accent, 0.8f));
        Y += 4f;
    }

    public void Paragraph(string text, float size = Typography.Body, SKColor? color = null, TextAlign align = TextAlign.Left)
    {
        var lineHeight = Typography.LineHeight(size);
        foreach (var line in TextWrapper.Wrap(text, size, PageGeometry.ContentWidth))
        {
            EnsureSpace(lineHeight);
            TextInBox(PageGeometry.Left, Y, PageGeometry.ContentWidth, lineHeight, line, size, color ?? Typography.Text, align);
            Y += lineHeight;
        }
    }

    /// <summary>Draws one line of text vertically centred in a box, aligned horizontally within its width.</summary>
    public void TextInBox(float x, float top, float width, float height, string text, float size, SKColor color, TextAlign align)
    {
        if (text.Length == 0)
        {
            return;
        }
        var textWidth = TextMeasurer.Width(text, size);
        var left = align switch
        {
            TextAlign.Right => x + width - textWidth,
            TextAlign.Center => x + (width - textWidth) / 2f,
            _ => x,
        };
        Page.Add(new TextOp(left, Baseline(top, height, size), text, size, color));
    }

    /// <summary>Baseline that centres CJK glyphs (which sit about 0.88 em above it) in a line box.</summary>
    public static float Baseline(float top, float height, float size) => top + height / 2f + size * 0.36f;

    /// <summary>Adds the running header and the "第 X 页 / 共 Y 页" footer now that the page count is final.</summary>
    public IReadOnlyList<LaidOutPage> Finish(ReportInfo info)
    {
        var total = _pages.Count;
        var date = ChineseDate.Format(info.Date);
        for (var i = 0; i < total; i++)
        {
            var page = _pages[i];
            var size = Typography.Small;
            var unitWidth = TextMeasurer.Width(info.Unit, size);
            page.Add(new TextOp(PageGeometry.Left, PageGeometry.HeaderBaseline, info.Title, size, Typography.Muted));
            page.Add(new TextOp(PageGeometry.Right - unitWidth, PageGeometry.HeaderBaseline, info.Unit, size, Typography.Muted));
            page.Add(new LineOp(PageGeometry.Left, PageGeometry.HeaderRule, PageGeometry.Right, PageGeometry.HeaderRule, Typography.Rule));
            page.Add(new LineOp(PageGeometry.Left, PageGeometry.FooterRule, PageGeometry.Right, PageGeometry.FooterRule, Typography.Rule));
            page.Add(new TextOp(PageGeometry.Left, PageGeometry.FooterBaseline, "生成日期：" + date, size, Typography.Muted));
            var pageText = string.Create(CultureInfo.InvariantCulture, $"第 {i + 1} 页 / 共 {total} 页");
            var pageWidth = TextMeasurer.Width(pageText, size);
            page.Add(new TextOp(PageGeometry.Right - pageWidth, PageGeometry.FooterBaseline, pageText, size, Typography.Muted));
        }
        return _pages;
    }
}
