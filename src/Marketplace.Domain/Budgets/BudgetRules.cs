using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Budgets;

/// <summary>
/// Field rules shared by the budget grain and the pages. Field names: "Total" for the amount, the
/// funding source's name (e.g. "WelfareLottery") for its share, "Split" for the split as a whole.
/// </summary>
public static class BudgetRules
{
    public const string TotalField = "Total";
    public const string SplitField = "Split";
    public const int ReasonMax = 500;
    public const int KeyMax = 200;

    public static string FieldOf(FundingSource source) => source.ToString();

    /// <summary>Amount shape: not negative, not above <see cref="Money.MaxAmount"/>.</summary>
    public static void CheckAmount(ImmutableArray<FieldError>.Builder errors, string field, string label, Money amount, bool mustBePositive)
    {
        if (amount.IsNegative)
        {
            errors.Add(new(field, $"{label}不能为负数"));
        }
        else if (mustBePositive && amount.IsZero)
        {
            errors.Add(new(field, $"{label}必须大于 0"));
        }
        else if (amount.Yuan > Money.MaxAmount)
        {
            errors.Add(new(field, $"{label}超出允许范围（不超过 1,000,000,000,000.00 元）"));
        }
    }

    /// <summary>
    /// A split of <paramref name="total"/> over funding sources: each share valid, each source named once,
    /// the shares adding up to the total exactly (to the fen).
    /// </summary>
    public static ImmutableArray<FieldError> ValidateSplit(Money total, ImmutableArray<SourceAmount> split, bool totalMustBePositive)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        CheckAmount(errors, TotalField, "总额", total, totalMustBePositive);
        if (split.IsDefault)
        {
            split = [];
        }
        foreach (var line in split)
        {
            if (!Enum.IsDefined(line.Source))
            {
                errors.Add(new(SplitField, "资金来源不正确"));
                continue;
            }
            CheckAmount(errors, FieldOf(line.Source), line.Source.Chinese(), line.Amount, mustBePositive: false);
        }
        if (split.GroupBy(l => l.Source).Any(g => g.Count() > 1))
        {
            errors.Add(new(SplitField, "同一资金来源只能填写一次"));
        }
        if (errors.Count == 0)
        {
            var sum = Money.Sum(split.Select(l => l.Amount));
            if (sum != total)
            {
                errors.Add(new(SplitField, $"各资金来源合计 {MoneyFormat.Yuan(sum)} 与总额 {MoneyFormat.Yuan(total)} 不一致"));
            }
        }
        return errors.ToImmutable();
    }

    /// <summary>District restrictions on the sources a split uses (disabled sources, 公益-only funds).</summary>
    public static ImmutableArray<FieldError> ValidateSources(BudgetPolicy policy, ImmutableArray<SourceAmount> split, bool? publicWelfare)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        foreach (var line in split.Where(l => !l.Amount.IsZero))
        {
            var rule = policy.RuleFor(line.Source);
            if (!rule.Enabled)
            {
                errors.Add(new(FieldOf(line.Source), $"本区未启用资金来源“{line.Source.Chinese()}”"));
            }
            else if (publicWelfare == false && rule.PublicWelfareOnly)
            {
                errors.Add(new(FieldOf(line.Source), $"{line.Source.Chinese()}只能用于公益项目"));
            }
        }
        return errors.ToImmutable();
    }

    public static ImmutableArray<FieldError> ValidateText(string idempotencyKey, string reason, string user)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > KeyMax)
        {
            errors.Add(new("IdempotencyKey", "缺少幂等键或幂等键过长"));
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(new("Reason", "请填写事由"));
        }
        else if (reason.Length > ReasonMax)
        {
            errors.Add(new("Reason", $"事由不能超过 {ReasonMax} 个字"));
        }
        if (string.IsNullOrWhiteSpace(user))
        {
            errors.Add(new("User", "缺少经办人"));
        }
        return errors.ToImmutable();
    }

    /// <summary>Splits with every source listed once (absent sources as zero), in the canonical order.</summary>
    public static ImmutableArray<SourceAmount> Normalise(ImmutableArray<SourceAmount> split) =>
        [.. FundingSources.All.Select(s => new SourceAmount(s,
            split.IsDefault ? Money.Zero : Money.Sum(split.Where(l => l.Source == s).Select(l => l.Amount))))];

    /// <summary>
    /// A district's budget policy as saved: a floor (最低标准) above zero, when one was read, and every funding
    /// source exactly once with at least one enabled (a street must have some way to be funded).
    /// </summary>
    public static ImmutableArray<FieldError> ValidatePolicy(Money? floor, IReadOnlyCollection<FundingSourceRule> sources)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (floor is { IsZero: true })
        {
            errors.Add(new(nameof(BudgetPolicy.Floor), "最低标准必须大于 0"));
        }
        if (sources.Count != FundingSources.All.Count || sources.Any(s => !Enum.IsDefined(s.Source))
            || sources.Select(s => s.Source).Distinct().Count() != FundingSources.All.Count)
        {
            errors.Add(new("", "资金来源设置不完整，请刷新页面后重试"));
        }
        else if (!sources.Any(s => s.Enabled))
        {
            errors.Add(new("", "至少启用一种资金来源"));
        }
        return errors.ToImmutable();
    }
}
