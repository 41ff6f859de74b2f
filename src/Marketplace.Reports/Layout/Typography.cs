using SkiaSharp;

namespace Marketplace.Reports.Layout;

/// <summary>The one place that decides type sizes, line spacing and colours for every report.</summary>
public static class Typography
{
    public const float Title = 18f;
    public const float Heading = 13f;
    public const float Body = 10f;
    public const float Table = 9f;
    public const float Small = 8f;

    /// <summary>CJK text needs more leading than Latin text to stay legible: 1.45 × the font size.</summary>
    public const float LineSpacing = 1.45f;

    public static float LineHeight(float size) => size * LineSpacing;

    public static readonly SKColor Text = new(0x20, 0x20, 0x20);
    public static readonly SKColor Muted = new(0x6B, 0x6B, 0x6B);
    public static readonly SKColor Accent = new(0x1F, 0x4E, 0x79);
    public static readonly SKColor Rule = new(0xB8, 0xB8, 0xB8);
    public static readonly SKColor HeaderFill = new(0xDC, 0xE6, 0xF1);
    public static readonly SKColor TotalFill = new(0xEE, 0xEE, 0xEE);
    public static readonly SKColor Alert = new(0xC0, 0x1E, 0x1E);
    public static readonly SKColor AlertFill = new(0xFD, 0xE4, 0xE4);
    public static readonly SKColor Good = new(0x1E, 0x7B, 0x34);

    /// <summary>Chart series colours, in series order.</summary>
    public static readonly SKColor[] Series =
    [
        new(0x1F, 0x4E, 0x79),
        new(0xED, 0x7D, 0x31),
        new(0x70, 0xAD, 0x47),
        new(0x7F, 0x7F, 0x7F),
    ];
}
