using Marketplace.Domain;
using Marketplace.Tendering;

namespace Marketplace.Web.Data.Entities;

/// <summary>
/// Read model of a tender's notice and outcome, written in the same transaction as the tender grain's
/// state. Holds nothing about applications, not even how many there are: the sealed part of a tender
/// lives only in the grain (SPEC §3.3).
/// </summary>
public sealed class TenderRow
{
    public Guid Id { get; set; }
    public long StreetId { get; set; }
    public long DistrictId { get; set; }
    public Guid TransferItemId { get; set; }
    public required string Title { get; set; }
    public PurchaseMethod Method { get; set; }
    public Money Ceiling { get; set; }
    public TenderStatus Status { get; set; }
    public required string ExpertField { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset Deadline { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? EndReason { get; set; }
    public string? AwardedUscc { get; set; }
    public string? AwardedName { get; set; }
    public Money? AwardedPrice { get; set; }
    public DateTimeOffset? PublicityEndsAt { get; set; }
    /// <summary>
    /// When the award was confirmed (the 公示 entry's time in the Atom feed), so the feed needs no grain call (issue 15).
    /// Null before the award, and on a row projected before the column existed until its next projection write.
    /// </summary>
    public DateTimeOffset? AwardedAt { get; set; }
    public int Version { get; set; }
    /// <summary>Set when a failed purchase was switched to single-source (单一来源): the reason publicised with it.</summary>
    public string? SingleSourceReason { get; set; }
    /// <summary>
    /// The notice's 评分标准 as the public reads show them, so a listing needs no grain call (issue 15). Null only on
    /// a row projected before the column existed: its next projection write fills it, and until then the public
    /// reads ask the tender grain for that row alone (<c>PublicTenderApi</c>).
    /// </summary>
    public IReadOnlyList<PublishedCriterion>? Criteria { get; set; }
}

/// <summary>One scoring criterion (评分标准) of a published notice: its points out of 100 and what earns them.</summary>
public sealed record PublishedCriterion(string Name, decimal Weight, string? Description, bool IsPrice)
{
    public static IReadOnlyList<PublishedCriterion> Of(IEnumerable<ScoringCriterion> criteria) =>
        [.. criteria.Select(c => new PublishedCriterion(c.Name, c.Weight, c.Description, c.IsPrice))];
}

/// <summary>One applicant's published result (total and rank, no proposal): written only once the award is public.</summary>
public sealed class TenderResultRow
{
    public Guid TenderId { get; set; }
    public required string Uscc { get; set; }
    public required string OrganizationName { get; set; }
    public Money Price { get; set; }
    public decimal? Total { get; set; }
    public int? Rank { get; set; }
    public string? InvalidReason { get; set; }
}

/// <summary>
/// An in-app message, also the table a mailer can read. Recipient: "org:{uscc}", "user:{userName}",
/// "street:{id}" or "district-ngos:{districtId}".
/// </summary>
public sealed class NotificationRow
{
    public Guid Id { get; set; }
    public Guid? TenderId { get; set; }
    public required string Recipient { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
