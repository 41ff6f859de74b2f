using Marketplace.Domain;

namespace Marketplace.Reports.Models;

/// <summary>One funded project as 立项公示 publishes it; the reason when the organizer funds less than requested.</summary>
public sealed record RoundPublicityLine(int Rank, string Project, string Category, string Organization, string Uscc, Money Amount, decimal Score, string? AdjustmentReason);

/// <summary>Everything the 公益创投立项公示 shows: the funded projects, the panel, the period and how to object.</summary>
public sealed record RoundPublicityModel(
    string RoundTitle,
    string Organizer,
    string Unit,
    Money Pool,
    Money Cap,
    decimal MinScore,
    IReadOnlyList<RoundPublicityLine> Funded,
    IReadOnlyList<string> Panel,
    DateOnly NoticeStart,
    DateOnly NoticeEnd,
    int WorkingDays,
    DateOnly PublishedOn)
{
    /// <summary>Where objections go (e.g. the page of the round on this platform).</summary>
    public string? Contact { get; init; }
}
