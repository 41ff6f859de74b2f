using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Infrastructure.Caching;

namespace Marketplace.Web.Features.Tendering;

public static class PublicTenderApi
{
    /// <summary>
    /// A purchase as the public JSON shows it: the notice and, once awarded, every total and rank. Never a
    /// proposal. ProcurementMethod is 综合评分 or 单一来源; a single-source purchase carries its publicised reason.
    /// </summary>
    public sealed record TenderDto(
        Guid Id, long StreetId, string Title, string Method, string Ceiling, string Status, DateTimeOffset Deadline,
        string? Winner, string? AwardedPrice, IReadOnlyList<ResultDto> Results, string ProcurementMethod, string? SingleSourceReason,
        DateTimeOffset? PublicityEndsAt, string? PublicityLastDay);

    public sealed record ResultDto(int? Rank, string Organization, string Price, string? Total, bool Valid);

    private static string Amount(Money m) => MoneyFormat.Number(m);

    /// <summary>GET /api/public/tenders — published purchases and their results, no login.</summary>
    public static void MapPublicTenderApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/public/tenders", async (AppDbContext db, CancellationToken ct) =>
            {
                var tenders = await db.Tenders.AsNoTracking().Where(t => t.Status != TenderStatus.Draft).ToListAsync(ct);
                var ids = tenders.Select(t => t.Id).ToList();
                // TenderResults holds rows only for awarded tenders: nothing before the award is public.
                var results = (await db.TenderResults.AsNoTracking().Where(r => ids.Contains(r.TenderId)).ToListAsync(ct)).ToLookup(r => r.TenderId);
                return tenders.OrderByDescending(t => t.Deadline).Select(t => new TenderDto(
                    t.Id, t.StreetId, t.Title, t.Method.Chinese(), Amount(t.Ceiling), t.Status.Chinese(t.SingleSourceReason is not null), t.Deadline,
                    t.AwardedName, t.AwardedPrice is { } p ? Amount(p) : null,
                    [.. results[t.Id].OrderBy(r => r.Rank ?? int.MaxValue).Select(r => new ResultDto(
                        r.Rank, r.OrganizationName, Amount(r.Price), r.Total?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), r.InvalidReason is null))],
                    t.SingleSourceReason is null ? "综合评分" : "单一来源", t.SingleSourceReason,
                    // 公示 ends at 24:00 China time of its last working day (ChineseWorkCalendar.Period).
                    t.PublicityEndsAt, t.PublicityEndsAt is { } e ? WorkingDayPeriod.LastDayOf(e).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null)).ToList();
            })
            .WithName("PublicTenders")
            .WithSummary("采购公告与中标结果（公开，无需登录；不含申请材料）")
            .WithTags("public")
            .AllowAnonymous()
            .CachePublicRead();
}
