using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Marketplace.Domain;

namespace Marketplace.Contracts;

/// <summary>
/// 群众评 from residents: 1–5 satisfaction with an optional comment, one rating per phone number per contract per
/// evaluation period, confirmed by a verification code. The 群众评 score on 100 points is the mean × 20, to two
/// places; its sample size is the number of ratings.
/// </summary>
public static class ResidentRatings
{
    public const int CommentMax = 200;
    public const int CodeMinutes = 10;
    public const int CodeAttempts = 5;
    public const string AlreadyRated = "该手机号本期已评价过：每个手机号每个评估期只能评价一次，原评价保持不变，本次未记录";

    /// <summary>A mainland mobile number (11 digits, 1[3-9]…), spaces and dashes ignored; null when it is not one.</summary>
    public static string? NormalisePhone(string? phone)
    {
        var digits = new string((phone ?? "").Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9' && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>138****5678: what a moderator sees; the number itself is never stored.</summary>
    public static string Mask(string phone) => phone[..3] + "****" + phone[^4..];

    /// <summary>The phone's key within one contract (SHA-256), so one phone is recognised without keeping the number.</summary>
    public static string PhoneKey(Guid contractId, string phone) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{contractId:N}:{phone}")));

    public static string CodeHash(string phoneKey, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{phoneKey}:{code}")));

    public static ImmutableArray<FieldError> Validate(int stars, string? comment)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (stars is < 1 or > 5)
        {
            errors.Add(new("Stars", "请选择1至5星的满意度"));
        }
        if ((comment?.Trim().Length ?? 0) > CommentMax)
        {
            errors.Add(new("Comment", $"留言不超过{CommentMax}个字"));
        }
        return errors.ToImmutable();
    }

    /// <summary>The 群众评 score on 100: mean stars × 20, 四舍五入 to two places; null without ratings.</summary>
    public static decimal? Score(IReadOnlyCollection<int> stars) =>
        stars.Count == 0 ? null : decimal.Round(stars.Sum() * 20m / stars.Count, 2, MidpointRounding.AwayFromZero);

    /// <summary>The score spread over a sheet's indicators by their weights (the default 群众评 sheet is one indicator of 100).</summary>
    public static ImmutableDictionary<string, decimal> Sheet(SourceSheet sheet, decimal score)
    {
        var points = sheet.Indicators.Select(i => (i.Code, Points: decimal.Round(i.Weight * score / 100m, 2, MidpointRounding.AwayFromZero))).ToList();
        if (points.Count > 0)
        {
            // The rounding remainder goes to the last indicator, so the sheet adds up to the score exactly.
            points[^1] = (points[^1].Code, points[^1].Points + score - points.Sum(p => p.Points));
        }
        return points.ToImmutableDictionary(p => p.Code, p => p.Points);
    }
}
