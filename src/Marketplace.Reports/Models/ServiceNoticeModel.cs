using Marketplace.Domain;

namespace Marketplace.Reports.Models;

/// <summary>服务公示牌 of a signed contract; <see cref="QrModules"/> is the rating link's QR matrix (true = dark).</summary>
public sealed record ServiceNoticeModel(
    string Title, string Street, string Organization, Money Amount, DateOnly TermStart, DateOnly TermEnd, string Content,
    string RatingUrl, IReadOnlyList<IReadOnlyList<bool>> QrModules, DateOnly PrintedOn);
