using System.Globalization;

namespace Marketplace.Domain;

/// <summary>The one place money is turned into text and back.</summary>
public static class MoneyFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>¥2,000,000.00 (negative: -¥1.50)</summary>
    public static string Yuan(Money m) =>
        (m.IsNegative ? "-¥" : "¥") + Math.Abs(m.Yuan).ToString("#,##0.00", Invariant);

    /// <summary>2,000,000.00 without the currency sign, for table cells under a 元 heading.</summary>
    public static string Plain(Money m) => m.Yuan.ToString("#,##0.00", Invariant);

    /// <summary>2000000.00: no separators, always two decimals; for JSON and spreadsheet cells.</summary>
    public static string Number(Money m) => m.Yuan.ToString("0.00", Invariant);

    /// <summary>200.00万元: ten-thousands of yuan, as Chinese budget documents state amounts.</summary>
    public static string Wan(Money m) =>
        decimal.Round(m.Yuan / 10_000m, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", Invariant) + "万元";

    /// <summary>
    /// Parses what a person typed into an amount field: digits with at most two decimals, optional
    /// thousands separators, an optional ¥ sign or trailing 元. Exponents, words and negative numbers
    /// are refused with a message in Chinese that names the problem.
    /// </summary>
    public static bool TryParse(string? text, out Money money, out string error)
    {
        money = Money.Zero;
        var s = (text ?? string.Empty).Trim().Replace(",", "", StringComparison.Ordinal)
            .Replace("，", "", StringComparison.Ordinal).TrimStart('¥', '￥').TrimEnd('元').Trim();
        if (s.Length == 0)
        {
            error = "请输入金额";
            return false;
        }
        if (s.StartsWith('-'))
        {
            error = "金额不能为负数";
            return false;
        }
        // Only plain decimal notation: "1e309" must not be read as a number at all.
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, Invariant, out var value))
        {
            error = "金额格式不正确，请输入数字，例如 200000.00";
            return false;
        }
        if (decimal.Round(value, 2) != value)
        {
            error = "金额最多保留两位小数（精确到分）";
            return false;
        }
        if (value > Money.MaxAmount)
        {
            error = "金额超出允许范围（不超过 1,000,000,000,000.00 元）";
            return false;
        }
        money = new Money(value);
        error = string.Empty;
        return true;
    }
}
