using System.Net;
using System.Text.RegularExpressions;

namespace Marketplace.Tests.Integration.Security;

/// <summary>One field of a form as the page renders it (its default value is what a browser would send untouched).</summary>
internal sealed record FormField(string Name, string Type, string Value);

/// <summary>A form of a page: where it posts (one entry per submit button with its own formaction), its fields.</summary>
internal sealed record HtmlForm(string Method, IReadOnlyList<(string Action, KeyValuePair<string, string>? Button)> Targets, IReadOnlyList<FormField> Fields, bool Multipart)
{
    /// <summary>The fields a browser sends without the user touching anything (checked boxes, selected options, text values).</summary>
    public List<KeyValuePair<string, string>> Defaults() =>
        [.. Fields.Where(f => f.Type is not ("checkbox" or "radio" or "file" or "unchecked")).Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Concat(Fields.Where(f => f.Type is "checkbox" or "radio").Select(f => new KeyValuePair<string, string>(f.Name, f.Value)))];
}

/// <summary>
/// Reads the forms of a rendered page the way a browser submits them. Regular expressions over the markup the
/// app's tag helpers write (quoted attributes), not a general HTML parser.
/// </summary>
internal static partial class HtmlForms
{
    public static List<HtmlForm> Parse(string html, string pageUrl)
    {
        var forms = new List<HtmlForm>();
        foreach (Match form in FormPattern().Matches(html))
        {
            var attrs = Attributes(form.Groups[1].Value);
            var body = form.Groups[2].Value;
            var method = attrs.GetValueOrDefault("method", "get").ToUpperInvariant();
            var action = attrs.GetValueOrDefault("action") is { Length: > 0 } a ? a : pageUrl;
            var fields = new List<FormField>();
            var radios = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match input in InputPattern().Matches(body))
            {
                var ia = Attributes(input.Groups[1].Value);
                if (!ia.TryGetValue("name", out var name) || name.Length == 0 || ia.ContainsKey("disabled"))
                {
                    continue;
                }
                var type = ia.GetValueOrDefault("type", "text").ToLowerInvariant();
                if (type is "submit" or "button" or "image" or "reset")
                {
                    continue;
                }
                var value = ia.GetValueOrDefault("value", type is "checkbox" or "radio" ? "on" : "");
                if (type is "checkbox" or "radio")
                {
                    // Unchecked boxes are not sent; the first radio stands for a group with none checked.
                    var sent = ia.ContainsKey("checked") || (type == "radio" && radios.Add(name) && !RadioChecked(body, name));
                    fields.Add(new FormField(name, sent ? type : "unchecked", value));
                    continue;
                }
                fields.Add(new FormField(name, type, value));
            }
            foreach (Match area in TextAreaPattern().Matches(body))
            {
                var ta = Attributes(area.Groups[1].Value);
                if (ta.TryGetValue("name", out var name) && name.Length > 0)
                {
                    fields.Add(new FormField(name, "textarea", WebUtility.HtmlDecode(area.Groups[2].Value)));
                }
            }
            foreach (Match select in SelectPattern().Matches(body))
            {
                var sa = Attributes(select.Groups[1].Value);
                if (!sa.TryGetValue("name", out var name) || name.Length == 0)
                {
                    continue;
                }
                var options = OptionPattern().Matches(select.Groups[2].Value)
                    .Select(o => (Attrs: Attributes(o.Groups[1].Value), Text: WebUtility.HtmlDecode(o.Groups[2].Value).Trim())).ToList();
                var chosen = options.FirstOrDefault(o => o.Attrs.ContainsKey("selected"));
                if (chosen.Attrs is null)
                {
                    chosen = options.FirstOrDefault();
                }
                var value = chosen.Attrs is null ? "" : chosen.Attrs.GetValueOrDefault("value", chosen.Text);
                fields.Add(new FormField(name, "select", value));
            }
            var targets = new List<(string, KeyValuePair<string, string>?)>();
            foreach (Match button in ButtonPattern().Matches(body))
            {
                var ba = Attributes(button.Groups[1].Value);
                if (ba.GetValueOrDefault("type", "submit") != "submit")
                {
                    continue;
                }
                var target = ba.GetValueOrDefault("formaction") is { Length: > 0 } fa ? fa : action;
                KeyValuePair<string, string>? named = ba.TryGetValue("name", out var bn) && bn.Length > 0 ? new(bn, ba.GetValueOrDefault("value", "")) : null;
                if (!targets.Any(t => t.Item1 == target && Nullable.Equals(t.Item2, named)))
                {
                    targets.Add((target, named));
                }
            }
            if (targets.Count == 0)
            {
                targets.Add((action, null));
            }
            forms.Add(new HtmlForm(method, targets, fields, attrs.GetValueOrDefault("enctype", "").Contains("multipart", StringComparison.OrdinalIgnoreCase)));
        }
        return forms;
    }

    /// <summary>Same-site links of a page, decoded.</summary>
    public static IEnumerable<string> Links(string html) =>
        LinkPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(h => h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal));

    private static bool RadioChecked(string body, string name) =>
        InputPattern().Matches(body).Select(m => Attributes(m.Groups[1].Value))
            .Any(a => a.GetValueOrDefault("type") == "radio" && a.GetValueOrDefault("name") == name && a.ContainsKey("checked"));

    private static Dictionary<string, string> Attributes(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in AttributePattern().Matches(text))
        {
            var value = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value;
            result.TryAdd(m.Groups[1].Value, WebUtility.HtmlDecode(value));
        }
        return result;
    }

    [GeneratedRegex(@"<form\b([^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"<input\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex(@"<textarea\b([^>]*)>(.*?)</textarea>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TextAreaPattern();

    [GeneratedRegex(@"<select\b([^>]*)>(.*?)</select>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex SelectPattern();

    [GeneratedRegex(@"<option\b([^>]*)>(.*?)</option>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex OptionPattern();

    [GeneratedRegex(@"<button\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex ButtonPattern();

    [GeneratedRegex(@"<a\b[^>]*?\bhref=""([^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"([\w:.@-]+)(?:\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s>""']+)))?")]
    private static partial Regex AttributePattern();
}
