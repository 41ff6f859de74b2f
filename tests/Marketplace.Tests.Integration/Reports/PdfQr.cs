using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Marketplace.Tests.Integration.Reports;

/// <summary>
/// Reads a QR code back out of a PDF page as a phone's camera sees it: the dark modules the document
/// actually draws (QrBlock fills one square per module), put back on a white raster and decoded by ZXing.
/// A wrong or damaged code in the PDF decodes to something else or to nothing.
/// </summary>
internal static class PdfQr
{
    private const int PixelsPerModule = 4;
    private const int QuietZone = 4; // modules of white around the code, as printed

    public static string? Decode(byte[] pdf, int pageNumber = 1)
    {
        using var document = PdfDocument.Open(pdf);
        var squares = document.GetPage(pageNumber).Paths.Where(p => p.IsFilled)
            .SelectMany(p => p)
            .Select(s => s.GetBoundingRectangle())
            .OfType<PdfRectangle>()
            .Where(r => r.Width > 0.1 && Math.Abs(r.Width - r.Height) < 0.01)
            .ToList();
        if (squares.Count == 0)
        {
            return null;
        }
        // The modules are the squares of the one size drawn most often (other filled shapes on the page differ).
        var cell = squares.GroupBy(r => Math.Round(r.Width, 2)).OrderByDescending(g => g.Count()).First().Key;
        var modules = squares.Where(r => Math.Abs(r.Width - cell) < 0.01).ToList();
        var left = modules.Min(r => r.Left);
        var top = modules.Max(r => Math.Max(r.Top, r.Bottom)); // PDF y grows upwards
        var n = (int)Math.Round((modules.Max(r => r.Right) - left) / cell);
        var side = (n + 2 * QuietZone) * PixelsPerModule;
        var pixels = Enumerable.Repeat((byte)255, side * side).ToArray();
        foreach (var r in modules)
        {
            var col = (int)Math.Round((r.Left - left) / cell) + QuietZone;
            var row = (int)Math.Round((top - Math.Max(r.Top, r.Bottom)) / cell) + QuietZone;
            for (var y = row * PixelsPerModule; y < (row + 1) * PixelsPerModule; y++)
            {
                Array.Fill(pixels, (byte)0, y * side + col * PixelsPerModule, PixelsPerModule);
            }
        }
        var source = new RGBLuminanceSource(pixels, side, side, RGBLuminanceSource.BitmapFormat.Gray8);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true };
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints)?.Text;
    }
}
