using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace Marketplace.Web.Features.Catalog;

/// <summary>
/// The street filter of /Catalog as HTML, rendered once per snapshot version: with 1,000 streets a
/// tag-helper select built 1,000 items on every cache miss. Streets are grouped by district
/// (&lt;optgroup&gt;), a native select, so typing a street's first character still jumps to it.
/// </summary>
public static class CatalogFilterHtml
{
    // As the app's pages encode (Program.cs): Chinese stays readable in the HTML.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string StreetOptions(IEnumerable<CatalogSnapshot.FilterOption> streets)
    {
        var html = new StringBuilder();
        string? group = null;
        foreach (var s in streets)
        {
            if (s.Group != group)
            {
                if (group is not null)
                {
                    html.Append("</optgroup>");
                }
                group = s.Group;
                html.Append("<optgroup label=\"").Append(Encoder.Encode(group ?? "")).Append("\">");
            }
            html.Append("<option value=\"").Append(Encoder.Encode(s.Value)).Append("\">")
                .Append(Encoder.Encode(s.Text)).Append("</option>");
        }
        if (group is not null)
        {
            html.Append("</optgroup>");
        }
        return html.ToString();
    }

    /// <summary>The rendered options with <paramref name="selected"/> marked (street ids are digits, never encoded).</summary>
    public static IHtmlContent WithSelected(string options, long? selected) => new HtmlString(selected is { } id
        ? options.Replace($"<option value=\"{id}\">", $"<option value=\"{id}\" selected>", StringComparison.Ordinal)
        : options);
}
