using Marketplace.Domain;

namespace Marketplace.Organizations;

/// <summary>
/// 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters —
/// 1 registration authority (登记管理部门), 2 organization category (机构类别), 3–8 administrative
/// division (行政区划码), 9–17 organization code (主体标识码), 18 check character (校验码).
/// </summary>
public static class Uscc
{
    public const int Length = 18;

    // GB 32100-2015 §4.2: the code alphabet is the digits and the capital letters except I, O, Z, S, V
    // (too easily confused with 1, 0, 2, 5, U). A character's value is its position here.
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private const string Forbidden = "IOZSV";

    // GB 32100-2015 §5: weight of position i (1-based) is 3^(i-1) mod 31.
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Trims, turns full-width characters into ASCII and upper-cases: what users type is often lower case.</summary>
    public static string Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return string.Empty;
        }
        var chars = input.Trim().Select(c => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c)
            .Where(c => c != ' ' && c != '\u3000').ToArray();
        return new string(chars).ToUpperInvariant();
    }

    /// <summary>The check character (position 18) for the first 17 characters of a code.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException("Seventeen characters are needed.", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not a USCC character.", nameof(first17));
            }
            sum += value * Weights[i];
        }
        // GB 32100-2015 §5: C18 = 31 − (Σ Ci·Wi mod 31); a result of 31 is written as 0.
        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>Checks format and check character; returns the Chinese reason when invalid, else null.</summary>
    public static string? FormatError(string normalised)
    {
        if (normalised.Length == 0)
        {
            return "请填写统一社会信用代码";
        }
        if (normalised.Length != Length)
        {
            return $"统一社会信用代码应为 18 位（当前 {normalised.Length} 位）";
        }
        if (normalised.Any(c => Forbidden.Contains(c, StringComparison.Ordinal)))
        {
            return "统一社会信用代码不使用字母 I、O、Z、S、V，请核对";
        }
        if (normalised.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return "统一社会信用代码只能由数字和大写字母组成";
        }
        if (!normalised.Substring(2, 6).All(char.IsAsciiDigit))
        {
            return "统一社会信用代码第 3–8 位应为 6 位数字的行政区划码";
        }
        return CheckCharacter(normalised.AsSpan(0, Length - 1)) == normalised[Length - 1]
            ? null
            : "统一社会信用代码校验位不正确，请核对后重新输入";
    }

    public static bool IsValid(string? input) => FormatError(Normalise(input)) is null;

    /// <summary>
    /// The first two characters say who registered the body and as what (GB 32100-2015 Annex A):
    /// 5x = 民政 (51 社会团体, 52 民办非企业单位, 53 基金会), 9x = 市场监管 (91 企业, 92 个体工商户, 93 农民专业合作社).
    /// A 社工机构 is registered with 民政 as a 民办非企业单位 (民办社会工作服务机构).
    /// </summary>
    public static IReadOnlyList<string> PrefixesFor(ProviderType type) => type switch
    {
        ProviderType.SocialGroup => ["51"],
        ProviderType.SocialServiceAgency => ["52"],
        ProviderType.Foundation => ["53"],
        ProviderType.SocialWorkAgency => ["52"],
        ProviderType.Enterprise => ["91", "92", "93"],
        _ => [],
    };

    /// <summary>Format, check character and, when a type is declared, the type prefix. Null when valid.</summary>
    public static string? Validate(string normalised, ProviderType? declaredType)
    {
        if (FormatError(normalised) is { } error)
        {
            return error;
        }
        if (declaredType is { } type)
        {
            var prefixes = PrefixesFor(type);
            var prefix = normalised[..2];
            if (!prefixes.Contains(prefix))
            {
                return $"代码前两位“{prefix}”（{PrefixMeaning(prefix)}）与所选类型“{type.Chinese()}”不符，应以 {string.Join(" 或 ", prefixes)} 开头";
            }
        }
        return null;
    }

    private static string PrefixMeaning(string prefix) => prefix switch
    {
        "51" => "民政登记的社会团体",
        "52" => "民政登记的民办非企业单位",
        "53" => "民政登记的基金会",
        "59" => "民政登记的其他组织",
        "91" => "市场监管登记的企业",
        "92" => "个体工商户",
        "93" => "农民专业合作社",
        _ when prefix[0] == '1' => "机构编制部门登记",
        _ when prefix[0] == '5' => "民政部门登记",
        _ when prefix[0] == '9' => "市场监管部门登记",
        _ => "其他部门登记",
    };
}
