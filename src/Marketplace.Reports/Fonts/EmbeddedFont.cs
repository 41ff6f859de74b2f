using System.Runtime.InteropServices;
using SkiaSharp;

namespace Marketplace.Reports.Fonts;

/// <summary>
/// WenQuanYi Micro Hei, shipped inside this assembly. Noto CJK is deliberately not used: PDFs made with it
/// extract as Kangxi radicals instead of the real characters, so the text would not be searchable.
/// Loaded once per process; the typeface and the HarfBuzz face are immutable and safe to share across threads.
/// </summary>
internal static class EmbeddedFont
{
    private const string ResourceName = "Marketplace.Reports.Fonts.wqy-microhei.ttc";

    /// <summary>Face 0 of the collection is the proportional "WenQuanYi Micro Hei"; face 1 is its mono twin.</summary>
    public const int FaceIndex = 0;

    private static readonly Lazy<byte[]> Bytes = new(LoadBytes);
    private static readonly Lazy<SKTypeface> Full = new(CreateFullTypeface);
    private static readonly Lazy<IntPtr> HbFace = new(CreateHarfBuzzFace);

    public static byte[] FontBytes => Bytes.Value;

    /// <summary>The whole font: used to measure text and as the fallback when subsetting fails.</summary>
    public static SKTypeface FullTypeface => Full.Value;

    /// <summary>A HarfBuzz face over the font, kept for the life of the process (never destroyed).</summary>
    internal static IntPtr HarfBuzzFace => HbFace.Value;

    private static byte[] LoadBytes()
    {
        using var stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded font {ResourceName} is missing from the assembly.");
        using var copy = new MemoryStream((int)stream.Length);
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static SKTypeface CreateFullTypeface()
    {
        using var data = SKData.CreateCopy(FontBytes);
        return SKTypeface.FromData(data, FaceIndex)
            ?? throw new InvalidOperationException("Skia could not load the embedded WenQuanYi font.");
    }

    private static IntPtr CreateHarfBuzzFace()
    {
        // The font bytes are copied to native memory that lives as long as the process, so HarfBuzz can read
        // them in place (read-only mode) without pinning a managed array forever.
        var bytes = FontBytes;
        var native = Marshal.AllocHGlobal(bytes.Length);
        Marshal.Copy(bytes, 0, native, bytes.Length);
        var blob = HarfBuzzSubsetNative.BlobCreate(native, (uint)bytes.Length, HarfBuzzSubsetNative.MemoryModeReadOnly,
            IntPtr.Zero, IntPtr.Zero);
        var face = HarfBuzzSubsetNative.FaceCreate(blob, FaceIndex);
        HarfBuzzSubsetNative.BlobDestroy(blob); // the face holds its own reference
        return face;
    }
}
