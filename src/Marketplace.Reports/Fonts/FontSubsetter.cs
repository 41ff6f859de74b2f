using System.Runtime.InteropServices;
using System.Text;
using SkiaSharp;

namespace Marketplace.Reports.Fonts;

/// <summary>
/// Cuts the embedded font down to the characters one document uses, so a one-page report is kilobytes
/// rather than the whole font. Advances are kept by hb-subset, so layout measured with the full font still fits.
/// </summary>
internal static class FontSubsetter
{
    /// <summary>Returns a typeface holding only <paramref name="text"/>'s characters, or the full font if subsetting fails.</summary>
    public static SKTypeface CreateTypeface(IEnumerable<Rune> text) => CreateTypeface(text.ToList(), TrySubset);

    /// <summary>
    /// The subset is checked before use: a typeface Skia cannot load, or one missing a character the full font
    /// has, would silently drop text from the PDF, so either case falls back to the full font.
    /// </summary>
    internal static SKTypeface CreateTypeface(IReadOnlyCollection<Rune> text, Func<IEnumerable<Rune>, byte[]?> subset)
    {
        var bytes = subset(text);
        if (bytes is null)
        {
            return EmbeddedFont.FullTypeface;
        }
        using var data = SKData.CreateCopy(bytes);
        var typeface = SKTypeface.FromData(data);
        if (typeface is null)
        {
            return EmbeddedFont.FullTypeface;
        }
        var full = EmbeddedFont.FullTypeface;
        if (text.Any(r => full.ContainsGlyph(r.Value) && !typeface.ContainsGlyph(r.Value)))
        {
            typeface.Dispose();
            return full;
        }
        return typeface;
    }

    /// <summary>The subset font file (TrueType), or null when the native subsetter is unavailable or fails.</summary>
    public static byte[]? TrySubset(IEnumerable<Rune> text)
    {
        try
        {
            return Subset(text);
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static byte[]? Subset(IEnumerable<Rune> text)
    {
        var source = EmbeddedFont.HarfBuzzFace;
        if (source == IntPtr.Zero)
        {
            return null;
        }
        var input = HarfBuzzSubsetNative.SubsetInputCreateOrFail();
        if (input == IntPtr.Zero)
        {
            return null;
        }
        var subsetFace = IntPtr.Zero;
        var blob = IntPtr.Zero;
        try
        {
            var unicodes = HarfBuzzSubsetNative.SubsetInputUnicodeSet(input);
            foreach (var rune in text)
            {
                HarfBuzzSubsetNative.SetAdd(unicodes, (uint)rune.Value);
            }
            HarfBuzzSubsetNative.SubsetInputSetFlags(input, HarfBuzzSubsetNative.FlagsNoHinting);
            subsetFace = HarfBuzzSubsetNative.SubsetOrFail(source, input);
            if (subsetFace == IntPtr.Zero)
            {
                return null;
            }
            blob = HarfBuzzSubsetNative.FaceReferenceBlob(subsetFace);
            var data = HarfBuzzSubsetNative.BlobGetData(blob, out var length);
            if (data == IntPtr.Zero || length == 0)
            {
                return null;
            }
            var result = new byte[length];
            Marshal.Copy(data, result, 0, (int)length);
            return result;
        }
        finally
        {
            if (blob != IntPtr.Zero)
            {
                HarfBuzzSubsetNative.BlobDestroy(blob);
            }
            if (subsetFace != IntPtr.Zero)
            {
                HarfBuzzSubsetNative.FaceDestroy(subsetFace);
            }
            HarfBuzzSubsetNative.SubsetInputDestroy(input);
        }
    }
}
