using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Contracts;

/// <summary>
/// The service term (服务期限): at most one year by default (政府购买服务 contracts run with the budget
/// year); up to three years when a reason is recorded (财政部102号令 Art.24: multi-year contracts for
/// services that need continuity, within the medium-term budget); never longer.
/// </summary>
public static class ContractTerm
{
    public const int DefaultMaximumYears = 1;
    public const int MaximumYears = 3;
    public const int ReasonMinimumLength = 10;
    public const int ReasonMaximumLength = 1000;

    /// <summary>Last day of a term of <paramref name="years"/> starting on <paramref name="start"/>, inclusive.</summary>
    public static DateOnly LastDay(DateOnly start, int years) => start.AddYears(years).AddDays(-1);

    public static ImmutableArray<FieldError> Validate(DateOnly start, DateOnly end, string? longTermReason)
    {
        if (end < start)
        {
            return [new("TermEnd", "服务结束日期不能早于开始日期")];
        }
        if (end > LastDay(start, MaximumYears))
        {
            return [new("TermEnd", $"服务期限不能超过{MaximumYears}年")];
        }
        var reason = longTermReason?.Trim() ?? "";
        if (end > LastDay(start, DefaultMaximumYears) && reason.Length < ReasonMinimumLength)
        {
            return [new("LongTermReason", $"服务期限超过1年的，须填写理由（不少于{ReasonMinimumLength}个字）")];
        }
        if (reason.Length > ReasonMaximumLength)
        {
            return [new("LongTermReason", $"理由不能超过{ReasonMaximumLength}个字")];
        }
        return [];
    }

    /// <summary>The mid-term report is due halfway through the term; the final one on its last day.</summary>
    public static DateOnly MidPoint(DateOnly start, DateOnly end) => start.AddDays((end.DayNumber - start.DayNumber) / 2);
}
