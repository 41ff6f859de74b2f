namespace Marketplace.Domain;

/// <summary>
/// An amount in Chinese capital numerals (大写金额) as contracts and payment documents write it
/// (中国人民银行《支付结算办法》附件: 壹贰叁肆伍陆柒捌玖 拾佰仟 万亿, 元角分, "整" when no 分).
/// </summary>
public static class MoneyInWords
{
    private static readonly string[] Digits = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
    private static readonly string[] Places = ["", "拾", "佰", "仟"];
    private static readonly string[] Groups = ["", "万", "亿", "万亿"];
    private static readonly int[] Powers = [1, 10, 100, 1000];

    public static string Capitals(Money amount)
    {
        if (amount.IsNegative)
        {
            return "负" + Capitals(-amount);
        }
        var fen = amount.Fen;
        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var fenDigit = (int)(fen % 10);
        if (fen == 0)
        {
            return "零元整";
        }
        var text = yuan > 0 ? Integer(yuan) + "元" : "";
        if (jiao == 0 && fenDigit == 0)
        {
            return text + "整";
        }
        if (jiao > 0)
        {
            text += Digits[jiao] + "角";
        }
        else if (yuan > 0)
        {
            text += "零"; // 壹佰元零伍分
        }
        if (fenDigit > 0)
        {
            text += Digits[fenDigit] + "分";
        }
        return text;
    }

    /// <summary>Groups of four digits from the top; a zero run inside or between groups is read once as 零.</summary>
    private static string Integer(long value)
    {
        var groups = new List<int>();
        for (var v = value; v > 0; v /= 10_000)
        {
            groups.Add((int)(v % 10_000));
        }
        var text = "";
        var pendingZero = false;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var group = groups[g];
            if (group == 0)
            {
                pendingZero = text.Length > 0;
                continue;
            }
            if (text.Length > 0 && (pendingZero || group < 1000))
            {
                text += "零";
            }
            text += Group(group) + Groups[g];
            pendingZero = false;
        }
        return text;
    }

    private static string Group(int group)
    {
        var text = "";
        var zero = false;
        for (var p = 3; p >= 0; p--)
        {
            var d = group / Powers[p] % 10;
            if (d == 0)
            {
                zero = text.Length > 0;
                continue;
            }
            if (zero)
            {
                text += "零";
                zero = false;
            }
            text += Digits[d] + Places[p];
        }
        return text;
    }
}
