using System.Globalization;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Infrastructure.Caching;

namespace Marketplace.Web.Features.Tendering;

public static class PublicTenderApi
{
    /// <summary>
    /// A purchase as the public JSON shows it: the notice and, once awarded, every total and rank. Never a
    /// proposal. ProcurementMethod is 综合评分 or 单一来源; a single-source purchase carries its publicised reason.
    /// Criteria are the notice's own 评分标准 (name, points, what earns them), price last, as the notice page shows them.
    /// </summary>
    public sealed record TenderDto(
        Guid Id, long StreetId, string Title, string Method, string Ceiling, string Status, DateTimeOffset Deadline,
        string? Winner, string? AwardedPrice, IReadOnlyList<ResultDto> Results, string ProcurementMethod, string? SingleSourceReason,
        DateTimeOffset? PublicityEndsAt, string? PublicityLastDay, IReadOnlyList<CriterionDto> Criteria);

    /// <summary>One scoring criterion of the notice: its points out of 100, and whether it is the price score.</summary>
    public sealed record CriterionDto(string Name, decimal Points, string? Description, bool IsPrice);

    public sealed record ResultDto(int? Rank, string Organization, string Price, string? Total, bool Valid);

    private static string Amount(Money m) => MoneyFormat.Number(m);

    /// <summary>GET /api/public/tenders and /api/public/tenders/{id} — published purchases and their results, no login.</summary>
    public static void MapPublicTenderApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/tenders", async (AppDbContext db, IGrainFactory grains, CancellationToken ct) =>
                await ReadAsync(db, grains, db.Tenders.AsNoTracking().Where(t => t.Status != TenderStatus.Draft), ct))
            .WithName("PublicTenders")
            .WithSummary("采购公告与中标结果（公开，无需登录；含评分标准，不含申请材料）")
            .WithTags("public")
            .AllowAnonymous()
            .CachePublicRead(PublicReads.Tenders);
        app.MapGet("/api/public/tenders/{id:guid}", async (Guid id, AppDbContext db, IGrainFactory grains, CancellationToken ct) =>
                await ReadAsync(db, grains, db.Tenders.AsNoTracking().Where(t => t.Id == id && t.Status != TenderStatus.Draft), ct) is [var one]
                    ? Results.Ok(one) : Results.NotFound())
            .WithName("PublicTender")
            .WithSummary("单个采购公告与中标结果（公开，无需登录；含评分标准，不含申请材料）")
            .Produces<TenderDto>()
            .Produces(StatusCodes.Status404NotFound)
            .WithTags("public")
            .AllowAnonymous()
            .CachePublicRead(PublicReads.Tenders);
    }

    private static async Task<List<TenderDto>> ReadAsync(AppDbContext db, IGrainFactory grains, IQueryable<TenderRow> query, CancellationToken ct)
    {
        var tenders = await query.ToListAsync(ct);
        var ids = tenders.Select(t => t.Id).ToList();
        // TenderResults holds rows only for awarded tenders: nothing before the award is public.
        var results = (await db.TenderResults.AsNoTracking().Where(r => ids.Contains(r.TenderId)).ToListAsync(ct)).ToLookup(r => r.TenderId);
        // The criteria come with the read row; only a row projected before it carried them asks its grain.
        var notices = (await Task.WhenAll(tenders.Where(t => t.Criteria is null).Select(t => grains.GetGrain<ITenderGrain>(t.Id).GetInfoAsync())))
            .Where(i => i is not null).ToDictionary(i => i!.Id, i => PublishedCriterion.Of(i!.Notice.Criteria));
        return [.. tenders.OrderByDescending(t => t.Deadline).Select(t => new TenderDto(
            t.Id, t.StreetId, t.Title, t.Method.Chinese(), Amount(t.Ceiling), t.Status.Chinese(t.SingleSourceReason is not null), t.Deadline,
            t.AwardedName, t.AwardedPrice is { } p ? Amount(p) : null,
            [.. results[t.Id].OrderBy(r => r.Rank ?? int.MaxValue).Select(r => new ResultDto(
                r.Rank, r.OrganizationName, Amount(r.Price), r.Total?.ToString("0.00", CultureInfo.InvariantCulture), r.InvalidReason is null))],
            t.SingleSourceReason is null ? "综合评分" : "单一来源", t.SingleSourceReason,
            // 公示 ends at 24:00 China time of its last working day (ChineseWorkCalendar.Period).
            t.PublicityEndsAt, t.PublicityEndsAt is { } e ? WorkingDayPeriod.LastDayOf(e).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            [.. (t.Criteria ?? notices.GetValueOrDefault(t.Id) ?? []).OrderBy(c => c.IsPrice).Select(c => new CriterionDto(c.Name, c.Weight, c.Description, c.IsPrice))]))];
    }
}
