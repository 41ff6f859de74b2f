using System.Text;

namespace Marketplace.Reports.Layout;

/// <summary>
/// Line breaking for Chinese mixed with numbers and Latin words. Chinese has no word spaces, so a line may
/// break between any two Han characters; numbers ("2,000,000.00") and Latin words are never split, closing
/// punctuation never starts a line and opening punctuation never ends one (the usual 禁则 rules).
/// </summary>
public static class TextWrapper
{
    private const string NoLineStart = "，。、；：？！）》」』”’%％·…,.;:?!)]}";
    private const string NoLineEnd = "（《「『“‘([{¥￥";

    public static IReadOnlyList<string> Wrap(string text, float size, float maxWidth)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            WrapParagraph(paragraph, size, maxWidth, lines);
        }
        return lines;
    }

    private static void WrapParagraph(string paragraph, float size, float maxWidth, List<string> lines)
    {
        var line = new StringBuilder();
        var lineWidth = 0f;
        foreach (var token in Tokenize(paragraph))
        {
            var width = TextMeasurer.Width(token, size);
            if (lineWidth + width <= maxWidth || line.Length == 0 && width <= maxWidth)
            {
                line.Append(token);
                lineWidth += width;
                continue;
            }
            if (line.Length > 0)
            {
                lines.Add(line.ToString().TrimEnd());
                line.Clear();
                lineWidth = 0f;
            }
            var trimmed = token.TrimStart();
            if (TextMeasurer.Width(trimmed, size) <= maxWidth)
            {
                line.Append(trimmed);
                lineWidth = TextMeasurer.Width(trimmed, size);
                continue;
            }
            // A single unbreakable token wider than the whole line (a very long number or URL): cutting it is
            // the only way to keep it on the page.
            foreach (var rune in trimmed.EnumerateRunes())
            {
                var runeText = rune.ToString();
                var runeWidth = TextMeasurer.Width(runeText, size);
                if (lineWidth + runeWidth > maxWidth && line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    lineWidth = 0f;
                }
                line.Append(runeText);
                lineWidth += runeWidth;
            }
        }
        lines.Add(line.ToString().TrimEnd());
    }

    /// <summary>Splits into unbreakable pieces: a Han character, a number or Latin word, or a space.</summary>
    internal static List<string> Tokenize(string text)
    {
        var raw = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (IsWordChar(text, i))
            {
                while (i < text.Length && IsWordChar(text, i))
                {
                    i++;
                }
            }
            else
            {
                i += char.IsSurrogatePair(text, i) ? 2 : 1;
            }
            raw.Add(text[start..i]);
        }
        return Glue(raw);
    }

    /// <summary>Attaches closing punctuation to the piece before it and opening punctuation to the piece after.</summary>
    private static List<string> Glue(List<string> raw)
    {
        var tokens = new List<string>(raw.Count);
        var pendingOpen = string.Empty;
        foreach (var piece in raw)
        {
            if (piece.Length == 1 && NoLineEnd.Contains(piece[0], StringComparison.Ordinal))
            {
                pendingOpen += piece;
                continue;
            }
            if (piece.Length == 1 && NoLineStart.Contains(piece[0], StringComparison.Ordinal) && tokens.Count > 0 && pendingOpen.Length == 0)
            {
                tokens[^1] += piece;
                continue;
            }
            tokens.Add(pendingOpen + piece);
            pendingOpen = string.Empty;
        }
        if (pendingOpen.Length > 0)
        {
            tokens.Add(pendingOpen);
        }
        return tokens;
    }

    /// <summary>
    /// Characters that belong to a number or a Latin word. Separators inside numbers (",", ".", ":", "/", "-")
    /// only count when a letter or digit follows, so "达标." still breaks after the full stop.
    /// </summary>
    private static bool IsWordChar(string text, int i)
    {
        var c = text[i];
        if (char.IsAsciiLetterOrDigit(c) || c is '_' or '@' or '&')
        {
            return true;
        }
        if (c is ',' or '.' or ':' or '/' or '-' or '\'' or '%')
        {
            var prevIsWord = i > 0 && char.IsAsciiLetterOrDigit(text[i - 1]);
            var nextIsWord = i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]);
            return c == '%' ? prevIsWord : prevIsWord && nextIsWord;
        }
        return false;
    }
}
