using System.Collections.Concurrent;
using System.Text;
using Marketplace.Reports.Fonts;
using SkiaSharp;

namespace Marketplace.Reports.Layout;

/// <summary>
/// Measures text with the full embedded font. The per-character advance at 1 pt is cached for the process:
/// Skia draws without kerning, so a string's width is the sum of its characters' advances, and the subset
/// font keeps the same advances.
/// </summary>
public static class TextMeasurer
{
    private static readonly ConcurrentDictionary<int, float> UnitAdvances = new();

    public static float Width(string text, float size) => Width(text.AsSpan(), size);

    public static float Width(ReadOnlySpan<char> text, float size)
    {
        var total = 0f;
        foreach (var rune in text.EnumerateRunes())
        {
            total += Advance(rune);
        }
        return total * size;
    }

    private static float Advance(Rune rune) => UnitAdvances.GetOrAdd(rune.Value, MeasureUnit);

    private static float MeasureUnit(int codepoint)
    {
        // Measured at 100 pt and scaled down so rounding inside Skia does not skew small sizes.
        using var font = new SKFont(EmbeddedFont.FullTypeface, 100f);
        return font.MeasureText(new Rune(codepoint).ToString()) / 100f;
    }
}
