using SkiaSharp;

namespace Marketplace.Reports.Layout;

/// <summary>
/// A QR code drawn as filled squares from its module matrix (true = dark), centred, with the quiet zone the
/// matrix already carries. The matrix is computed outside the reports layer; this only paints it.
/// </summary>
public sealed class QrBlock(IReadOnlyList<IReadOnlyList<bool>> modules, float size, string caption) : IBlock
{
    public void Render(DocumentBuilder builder)
    {
        var captionHeight = Typography.LineHeight(Typography.Small);
        builder.EnsureSpace(size + captionHeight + 6f);
        var n = modules.Count;
        var cell = size / Math.Max(1, n);
        var left = PageGeometry.Left + (PageGeometry.ContentWidth - size) / 2f;
        var top = builder.Y;
        for (var row = 0; row < n; row++)
        {
            for (var col = 0; col < modules[row].Count; col++)
            {
                if (modules[row][col])
                {
                    builder.Page.Add(new RectOp(new SKRect(left + col * cell, top + row * cell, left + (col + 1) * cell, top + (row + 1) * cell), SKColors.Black, null));
                }
            }
        }
        builder.Y += size + 2f;
        builder.TextInBox(PageGeometry.Left, builder.Y, PageGeometry.ContentWidth, captionHeight, caption, Typography.Small, Typography.Muted, TextAlign.Center);
        builder.Y += captionHeight + 4f;
    }
}
