using SkiaSharp;

namespace Marketplace.Reports.Layout;

/// <summary>
/// A framed box of short lines (a summary or a warning). It continues on the next page, framed again, when
/// it is longer than the space left: a district with hundreds of streets below the floor lists every one.
/// </summary>
public sealed class NoticeBox(string title, IReadOnlyList<string> lines, SKColor accent, SKColor fill) : IBlock
{
    private const float Padding = 6f;
    private const float Size = Typography.Body;

    public void Render(DocumentBuilder builder)
    {
        var width = PageGeometry.ContentWidth - 2 * Padding;
        var wrapped = new List<(string Text, bool IsTitle)>();
        wrapped.AddRange(TextWrapper.Wrap(title, Size, width).Select(t => (t, true)));
        foreach (var line in lines)
        {
            wrapped.AddRange(TextWrapper.Wrap(line, Size, width).Select(t => (t, false)));
        }
        var lineHeight = Typography.LineHeight(Size);
        builder.EnsureSpace(Math.Min(wrapped.Count, 4) * lineHeight + 2 * Padding);
        var index = 0;
        while (index < wrapped.Count)
        {
            var fit = Math.Max(1, (int)((builder.Remaining - 2 * Padding) / lineHeight));
            var count = Math.Min(fit, wrapped.Count - index);
            var top = builder.Y;
            var height = count * lineHeight + 2 * Padding;
            builder.Page.Add(new RectOp(new SKRect(PageGeometry.Left, top, PageGeometry.Right, top + height), fill, accent, 1f));
            var y = top + Padding;
            for (var i = index; i < index + count; i++)
            {
                var (text, isTitle) = wrapped[i];
                builder.TextInBox(PageGeometry.Left + Padding, y, width, lineHeight, text, Size, isTitle ? accent : Typography.Text, TextAlign.Left);
                y += lineHeight;
            }
            index += count;
            builder.Y = top + height;
            if (index < wrapped.Count)
            {
                builder.NewPage();
            }
        }
        builder.Space(8f);
    }
}
