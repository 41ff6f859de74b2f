using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Grid;

/// <summary>
/// When matters a 村(社区) keeps seeing become a need (群众需求): at least <see cref="MinMatters"/> matters of one
/// service area in one 村(社区) reported within the last <see cref="Days"/> days. Each street sets its own (issue 17
/// item 4); the default is 庄市街道's practice of three in a quarter.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.NeedThreshold")]
public sealed record NeedThreshold([property: Id(0)] int MinMatters, [property: Id(1)] int Days)
{
    public static NeedThreshold Default { get; } = new(3, 90);

    public ImmutableArray<FieldError> Validate()
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (MinMatters is < 2 or > 100)
        {
            errors.Add(new("MinMatters", "事项数应为2至100件"));
        }
        if (Days is < 7 or > 366)
        {
            errors.Add(new("Days", "统计期应为7至366天"));
        }
        return errors.ToImmutable();
    }
}

/// <summary>The street official's decision on a need: 确认 (it goes into purchase planning) or 不予采纳 with a reason.</summary>
public enum NeedDecision
{
    Confirmed = 1, // 已确认
    Declined = 2,  // 不予采纳
}

/// <summary>A purchase a confirmed need is answered by (本项目回应的群众需求).</summary>
public enum NeedLinkKind
{
    TransferItem = 1, // 购买服务事项
    Tender = 2,       // 采购项目
    Round = 3,        // 公益创投
}

[GenerateSerializer, Immutable, Alias("marketplace.NeedLink")]
public sealed record NeedLink([property: Id(0)] NeedLinkKind Kind, [property: Id(1)] Guid Id);

/// <summary>A review of the need of one 村(社区) and service area; <see cref="Count"/> is how many matters it rested on then.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.NeedReview")]
public sealed record NeedReview(
    [property: Id(0)] string Community,
    [property: Id(1)] string ServiceAreaCode,
    [property: Id(2)] NeedDecision Decision,
    [property: Id(3)] string Reason,
    [property: Id(4)] int Count,
    [property: Id(5)] string By,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] ImmutableArray<NeedLink> Links)
{
    public string Key => NeedsList.Key(Community, ServiceAreaCode);
}

/// <summary>One need: a 村(社区), a service area and the matters that made it, counted — never a resident's name, phone or place.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.Need")]
public sealed record Need(
    [property: Id(0)] string Community,
    [property: Id(1)] string ServiceAreaCode,
    [property: Id(2)] int Count,
    [property: Id(3)] DateTimeOffset FirstAt,
    [property: Id(4)] DateTimeOffset LastAt,
    [property: Id(5)] NeedReview? Review)
{
    public string Key => NeedsList.Key(Community, ServiceAreaCode);
}

public static class NeedsList
{
    public static string Key(string community, string area) => community + "|" + area;

    /// <summary>
    /// The street's needs at <paramref name="asOf"/>: matters grouped by the 村(社区) of their grid and their service
    /// area, counted over the street's period, kept when they reach its threshold, most matters first. Orders from the
    /// service menu are not counted: they already are answered by a purchase. A need once reviewed stays on the list with
    /// its decision even when its count later falls below the threshold, so the decision is never lost.
    /// </summary>
    public static ImmutableArray<Need> Find(IEnumerable<Matter> matters, IEnumerable<GridUnit> grids, NeedThreshold threshold,
        IEnumerable<NeedReview> reviews, DateTimeOffset asOf)
    {
        var community = grids.ToDictionary(g => g.No, g => g.Community);
        var reviewed = reviews.ToDictionary(r => r.Key);
        var since = asOf.AddDays(-threshold.Days);
        var counted = matters
            .Where(m => m.Source != MatterSource.MenuOrder && m.ReportedAt >= since && m.ReportedAt <= asOf && community.ContainsKey(m.GridNo))
            .GroupBy(m => (Community: community[m.GridNo], Area: m.ServiceAreaCode))
            .Select(g => new Need(g.Key.Community, g.Key.Area, g.Count(), g.Min(m => m.ReportedAt), g.Max(m => m.ReportedAt),
                reviewed.GetValueOrDefault(Key(g.Key.Community, g.Key.Area))))
            .Where(n => n.Count >= threshold.MinMatters || n.Review is not null)
            .ToList();
        var shown = counted.Select(n => n.Key).ToHashSet();
        counted.AddRange(reviewed.Values.Where(r => !shown.Contains(r.Key)).Select(r => new Need(r.Community, r.ServiceAreaCode, 0, r.At, r.At, r)));
        return [.. counted.OrderByDescending(n => n.Count).ThenBy(n => n.Community, StringComparer.Ordinal).ThenBy(n => n.ServiceAreaCode, StringComparer.Ordinal)];
    }

    public static string Chinese(this NeedDecision d) => d == NeedDecision.Confirmed ? "已确认" : "不予采纳";

    public static string Chinese(this NeedLinkKind k) => k switch
    {
        NeedLinkKind.TransferItem => "购买服务事项",
        NeedLinkKind.Tender => "采购项目",
        NeedLinkKind.Round => "公益创投",
        _ => "",
    };
}
