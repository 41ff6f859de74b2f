using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Rounds;

/// <summary>A screened-in proposal with its panel total, as selection sees it.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.SelectionCandidate")]
public sealed record SelectionCandidate(
    [property: Id(0)] Guid ApplicationId,
    [property: Id(1)] decimal Score,
    [property: Id(2)] Money Requested,
    [property: Id(3)] long StreetId,
    [property: Id(4)] DateTimeOffset SubmittedAt);

public enum AdjustmentResponse
{
    Pending = 0,  // 待确认
    Accepted = 1, // 已接受
    Declined = 2, // 已放弃
}

/// <summary>The organizer funds a project at less than requested, with the reason recorded; the NGO answers.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.AmountAdjustment")]
public sealed record AmountAdjustment(
    [property: Id(0)] Money Amount,
    [property: Id(1)] string Reason,
    [property: Id(2)] AdjustmentResponse Response);

public enum SelectionStatus
{
    Funded = 1,        // 拟资助
    BelowMinimum = 2,  // 低于最低分
    PoolExhausted = 3, // 资金池不足
    Declined = 4,      // 放弃调整后金额
    Withdrawn = 5,     // 公示异议成立，取消资助
}

[GenerateSerializer, Immutable, Alias("marketplace.SelectionLine")]
public sealed record SelectionLine(
    [property: Id(0)] Guid ApplicationId,
    [property: Id(1)] int Rank,
    [property: Id(2)] decimal Score,
    [property: Id(3)] Money Requested,
    [property: Id(4)] Money? Amount,
    [property: Id(5)] SelectionStatus Status,
    [property: Id(6)] AmountAdjustment? Adjustment);

[GenerateSerializer, Immutable, Alias("marketplace.SelectionResult")]
public sealed record SelectionResult(
    [property: Id(0)] ImmutableArray<SelectionLine> Lines,
    [property: Id(1)] Money Funded,
    [property: Id(2)] Money Leftover,
    [property: Id(3)] ImmutableDictionary<long, Money> LeftoverByStreet);

/// <summary>
/// 择优立项: proposals ranked by panel total (ties: earlier submission); funded in rank order while the pool
/// lasts. Rank order is strict: once a project does not fit what is left of its street's pool, no project
/// ranked below it takes that money — the organizer may instead fund it at less than requested (with a
/// reason), and if the organization declines that amount the money moves on to the next project. A project
/// below the round's minimum score is never funded, whatever is left. Computed afresh from the inputs each
/// time, so an upheld 公示 objection (withdrawn) simply lets the next eligible project move up.
/// </summary>
public static class RoundSelection
{
    public static SelectionResult Select(
        IReadOnlyCollection<SelectionCandidate> candidates,
        IReadOnlyDictionary<long, Money> pools,
        decimal minScore,
        IReadOnlyDictionary<Guid, AmountAdjustment> adjustments,
        IReadOnlySet<Guid> withdrawn)
    {
        var left = pools.ToDictionary(p => p.Key, p => p.Value);
        var exhausted = new HashSet<long>();
        var lines = ImmutableArray.CreateBuilder<SelectionLine>();
        var ranked = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.SubmittedAt).ThenBy(c => c.ApplicationId);
        var rank = 0;
        foreach (var c in ranked)
        {
            rank++;
            var adjustment = adjustments.GetValueOrDefault(c.ApplicationId);
            var amount = adjustment?.Amount ?? c.Requested;
            var remaining = left.GetValueOrDefault(c.StreetId, Money.Zero);
            SelectionStatus status;
            if (c.Score < minScore)
            {
                status = SelectionStatus.BelowMinimum;
            }
            else if (withdrawn.Contains(c.ApplicationId))
            {
                status = SelectionStatus.Withdrawn;
            }
            else if (adjustment is { Response: AdjustmentResponse.Declined })
            {
                status = SelectionStatus.Declined;
            }
            else if (exhausted.Contains(c.StreetId) || amount > remaining)
            {
                exhausted.Add(c.StreetId);
                status = SelectionStatus.PoolExhausted;
            }
            else
            {
                left[c.StreetId] = remaining - amount;
                status = SelectionStatus.Funded;
            }
            lines.Add(new SelectionLine(c.ApplicationId, rank, c.Score, c.Requested,
                status == SelectionStatus.Funded ? amount : null, status, adjustment));
        }
        var funded = Money.Sum(lines.Where(l => l.Amount is not null).Select(l => l.Amount!.Value));
        return new SelectionResult(lines.ToImmutable(), funded, Money.Sum(left.Values), left.ToImmutableDictionary());
    }

    /// <summary>An adjusted amount: less than requested, more than zero, with a reason (记录调整理由).</summary>
    public static ImmutableArray<FieldError> ValidateAdjustment(Money requested, Money amount, string? reason)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (amount <= Money.Zero || amount >= requested)
        {
            errors.Add(new("Amount", $"调整后的资助金额应大于0且少于申请金额 {requested}"));
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 4)
        {
            errors.Add(new("Reason", "请填写调整理由（不少于4字）"));
        }
        return errors.ToImmutable();
    }

    public static string Chinese(this SelectionStatus s) => s switch
    {
        SelectionStatus.Funded => "拟资助",
        SelectionStatus.BelowMinimum => "低于最低分",
        SelectionStatus.PoolExhausted => "资金池不足",
        SelectionStatus.Declined => "放弃调整后金额",
        SelectionStatus.Withdrawn => "异议成立，取消资助",
        _ => s.ToString(),
    };
}
