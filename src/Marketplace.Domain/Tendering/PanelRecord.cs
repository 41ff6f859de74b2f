using System.Collections.Immutable;

namespace Marketplace.Tendering;

public enum PanelMemberStatus
{
    Drawn = 0,     // 已抽取，待声明
    Confirmed = 1, // 已声明无利害关系
    Recused = 2,   // 已回避
    Replaced = 3,  // 已替换（拒绝、超时未声明、已停用、手动替换）: see PanelMember.Replacement
}

/// <summary>Why a drawn expert left the panel without a conflict of interest (财库〔2016〕198号 补抽).</summary>
public enum PanelReplacementReason
{
    Declined = 0,   // 拒绝：the expert declined to sit
    Overdue = 1,    // 超时未声明：no declaration within the set working days
    Deactivated = 2, // 已停用：the district disabled the expert in its pool
    Manual = 3,     // 手动替换：the buying street's official replaced him, with a reason
}

[GenerateSerializer, Immutable, Alias("marketplace.PanelMember")]
public sealed record PanelMember(
    [property: Id(0)] Guid ExpertId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? UserName,
    [property: Id(3)] PanelMemberStatus Status,
    [property: Id(4)] string? RecusalReason)
{
    /// <summary>When the declaration (无利害关系声明) is due; after it the member is replaced as 超时未声明.</summary>
    [Id(5)] public DateTimeOffset? DeclareBy { get; init; }

    /// <summary>Set with <see cref="PanelMemberStatus.Replaced"/>.</summary>
    [Id(6)] public PanelReplacementReason? Replacement { get; init; }

    /// <summary>The words recorded with a replacement (the official's or the expert's reason), if any.</summary>
    [Id(7)] public string? ReplacementNote { get; init; }

    [Id(8)] public DateTimeOffset? LeftAt { get; init; }

    /// <summary>Who took the seat: the next expert in the recorded order, or null when the order ran out.</summary>
    [Id(9)] public Guid? SucceededBy { get; init; }

    /// <summary>Still on the panel: drawn and not yet declared, or declared no conflict.</summary>
    public bool Sits => Status is PanelMemberStatus.Drawn or PanelMemberStatus.Confirmed;
}

/// <summary>The draw as recorded for audit: seed, the full draw order, who was skipped and why.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.PanelRecord")]
public sealed record PanelRecord(
    [property: Id(0)] ulong Seed,
    [property: Id(1)] ImmutableArray<Guid> Order,
    [property: Id(2)] int Size,
    [property: Id(3)] ImmutableArray<PanelMember> Members,
    [property: Id(4)] DateTimeOffset DrawnAt,
    [property: Id(5)] string RequestedBy,
    [property: Id(6)] ImmutableArray<string> Skipped)
{
    /// <summary>Later draws for seats the recorded order could not fill (重新抽取), each with its own recorded seed.</summary>
    [Id(7)] public ImmutableArray<PanelRedraw> Redraws { get; init; } = [];

    /// <summary>The order 补抽 walks: the first draw's, then each 重新抽取's.</summary>
    public ImmutableArray<Guid> DrawOrder => [.. Order, .. Redraws.SelectMany(r => r.Order)];

    public IEnumerable<PanelMember> Sitting => Members.Where(m => m.Sits);

    /// <summary>Seats left empty because the recorded order had no one left who may sit.</summary>
    public int Vacancies => Math.Max(0, Size - Sitting.Count());

    /// <summary>The expert's seat: the sitting one if he has one, else his last (recused or replaced) one.</summary>
    public PanelMember? MemberFor(string expertUser) =>
        Members.LastOrDefault(m => m.UserName == expertUser && m.Sits) ?? Members.LastOrDefault(m => m.UserName == expertUser);
}

/// <summary>
/// A 重新抽取 as recorded for audit: the experts not yet on the panel shuffled with a new seed (so it can be
/// repeated like the first draw), who asked, when, why, and who was passed over.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.PanelRedraw")]
public sealed record PanelRedraw(
    [property: Id(0)] ulong Seed,
    [property: Id(1)] ImmutableArray<Guid> Order,
    [property: Id(2)] DateTimeOffset DrawnAt,
    [property: Id(3)] string RequestedBy,
    [property: Id(4)] string Reason,
    [property: Id(5)] ImmutableArray<string> Skipped);

public static class PanelMemberText
{
    public static string Chinese(this PanelReplacementReason r) => r switch
    {
        PanelReplacementReason.Declined => "拒绝",
        PanelReplacementReason.Overdue => "超时未声明",
        PanelReplacementReason.Deactivated => "已停用",
        PanelReplacementReason.Manual => "手动替换",
        _ => r.ToString(),
    };

    /// <summary>How the panel record states a member's standing, e.g. "已替换（超时未声明）".</summary>
    public static string Standing(this PanelMember m) => m.Status switch
    {
        PanelMemberStatus.Confirmed => "已声明无利害关系",
        PanelMemberStatus.Recused => "已回避：" + m.RecusalReason,
        PanelMemberStatus.Replaced => $"已替换（{m.Replacement?.Chinese()}{(string.IsNullOrEmpty(m.ReplacementNote) ? "" : "：" + m.ReplacementNote)}）",
        _ => "待声明",
    };
}
