using Marketplace.Domain;

namespace Marketplace.Reports.Models;

/// <summary>中标 for open tenders (公开招标), 成交 for negotiated methods (竞争性磋商/谈判, 单一来源).</summary>
public enum AwardKind
{
    Deal,
    Bid,
}

/// <summary>
/// One applicant's published result. Rank comes from the tender's scoring rules (total descending, ties by
/// price ascending) and is shown as given. Price is null for grants, which have no price competition.
/// </summary>
public sealed record ApplicantResult(int Rank, string Organization, Money? Price, decimal TotalScore, bool IsWinner)
{
    /// <summary>The panel's mean points per criterion, in the order of <see cref="AwardNoticeModel.Criteria"/>.</summary>
    public IReadOnlyList<decimal?> CriterionScores { get; init; } = [];

    /// <summary>价格分 from the price formula (87号令 Art.55); null when there is no price criterion.</summary>
    public decimal? PriceScore { get; init; }
}

/// <summary>One criterion of the notice's own 评分标准 as published: its points and what earns them.</summary>
public sealed record AwardCriterion(string Name, decimal Weight, string? Description, bool IsPrice);

/// <summary>Everything the 成交/中标结果公示 shows.</summary>
public sealed record AwardNoticeModel(
    string TenderTitle,
    string TenderNumber,
    string Street,
    string Purchaser,
    string Method,
    string Winner,
    Money Price,
    IReadOnlyList<ApplicantResult> Applicants,
    IReadOnlyList<string> Panel,
    DateOnly NoticeStart,
    DateOnly NoticeEnd,
    string Unit,
    DateOnly PublishedOn)
{
    public AwardKind Kind { get; init; } = AwardKind.Deal;

    /// <summary>Length of the 公示 in working days (节假日不计); 0 for a period counted in calendar days.</summary>
    public int WorkingDays { get; init; }

    /// <summary>Who receives objections (质疑) and how to reach them, e.g. "东山街道办事处社会事务科，电话 025-…".</summary>
    public string? Contact { get; init; }

    /// <summary>The notice's non-price criteria (评审因素) as published, one column each in the score tables.</summary>
    public IReadOnlyList<string> Criteria { get; init; } = [];

    /// <summary>The notice's whole 评分标准 (non-price criteria, then price), printed before the scores; empty: not printed.</summary>
    public IReadOnlyList<AwardCriterion> Standard { get; init; } = [];
}
