using UglyToad.PdfPig;

namespace Marketplace.Tests.Reports;

/// <summary>Reads a rendered PDF back the way a search engine or a screen reader would.</summary>
internal static class PdfText
{
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => p.Text).ToList();
    }

    public static string All(byte[] pdf) => string.Join("\n", Pages(pdf));
}
