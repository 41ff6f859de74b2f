using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Tendering;

/// <summary>
/// A failed purchase switched to single-source procurement (单一来源采购): the organization, the negotiated
/// price and the recorded reason, as publicised in the 单一来源公示 (财政部74号令 Art.38–39).
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.SingleSourceRecord")]
public sealed record SingleSourceRecord(
    [property: Id(0)] string Uscc,
    [property: Id(1)] string OrganizationName,
    [property: Id(2)] Money Price,
    [property: Id(3)] string Reason,
    [property: Id(4)] string DecidedBy,
    [property: Id(5)] DateTimeOffset DecidedAt);

/// <summary>What a single-source decision must carry before it is recorded.</summary>
public static class SingleSourceRules
{
    public const int MinimumReasonLength = 10;
    public const int MaximumReasonLength = 2000;

    /// <summary>The status as shown: a single-source decision's 公示 is not a 中标公示.</summary>
    public static string Chinese(this TenderStatus status, bool singleSource) =>
        singleSource && status == TenderStatus.Publicity ? "单一来源公示" : status.Chinese();

    /// <summary>
    /// The negotiated price stays within the notice's ceiling (the money the street committed to), and the
    /// reason is specific enough to be publicised: 74号令 Art.39 requires the 公示 to state why only this
    /// supplier can be used.
    /// </summary>
    public static ImmutableArray<FieldError> Validate(string? uscc, Money price, Money ceiling, string? reason)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (string.IsNullOrWhiteSpace(uscc))
        {
            errors.Add(new("Uscc", "请选择单一来源采购的承接单位"));
        }
        if (price.Yuan <= 0m)
        {
            errors.Add(new("Price", "成交价格必须大于0"));
        }
        else if (price > ceiling)
        {
            errors.Add(new("Price", $"成交价格不能超过最高限价{ceiling}"));
        }
        var text = reason?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add(new("Reason", "请填写采用单一来源采购的理由"));
        }
        else if (text.Length < MinimumReasonLength)
        {
            errors.Add(new("Reason", $"单一来源采购理由至少{MinimumReasonLength}个字，请说明只能向该单位采购的原因"));
        }
        else if (text.Length > MaximumReasonLength)
        {
            errors.Add(new("Reason", $"单一来源采购理由不能超过{MaximumReasonLength}字"));
        }
        return errors.ToImmutable();
    }
}
