using UglyToad.PdfPig;

namespace Marketplace.Tests.Integration.Reports;

/// <summary>Reads a PDF back as the text of its pages, the way a search engine or a screen reader would.</summary>
internal static class PdfText
{
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value)))];
    }

    public static string All(byte[] pdf) => string.Join("\n", Pages(pdf));
}
