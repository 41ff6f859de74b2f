using System.Globalization;
using System.Xml.Linq;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Disclosure;

/// <summary>
/// GET /feeds/{district}.atom — an Atom 1.0 feed (RFC 4287) of a district's new purchase notices, rounds and
/// 公示 (award, single-source, 立项), newest first. Only what the public pages already show.
/// </summary>
public static class AtomFeeds
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private sealed record Entry(string Id, string Title, string Url, DateTimeOffset At, string Summary);

    public static void MapAtomFeeds(this IEndpointRouteBuilder app) =>
        app.MapGet("/feeds/{district:long}.atom", async (long district, HttpContext http, AppDbContext db, IGrainFactory grains, CancellationToken ct) =>
            {
                var name = await db.Districts.AsNoTracking().Where(d => d.Id == district).Select(d => d.City + d.Name).SingleOrDefaultAsync(ct);
                if (name is null)
                {
                    return Results.NotFound();
                }
                var root = $"{http.Request.Scheme}://{http.Request.Host}";
                var entries = await EntriesAsync(db, grains, district, ct);
                return Results.Text(Render(root, district, name, entries).ToString(SaveOptions.None), "application/atom+xml; charset=utf-8");
            })
            .WithName("DistrictAtomFeed")
            .WithSummary("区的采购公告、公益创投与公示订阅（Atom 1.0，公开）")
            .WithTags("public")
            .AllowAnonymous();

    private static async Task<List<Entry>> EntriesAsync(AppDbContext db, IGrainFactory grains, long district, CancellationToken ct)
    {
        var entries = new List<Entry>();
        var tenders = await (from t in db.Tenders.AsNoTracking()
                             join s in db.Streets on t.StreetId equals s.Id
                             where t.DistrictId == district && t.Status != TenderStatus.Draft && t.PublishedAt != null
                             select new { t.Id, t.Title, t.PublishedAt, t.Deadline, t.Ceiling, t.AwardedName, t.AwardedPrice, t.SingleSourceReason, t.PublicityEndsAt, t.AwardedAt, Street = s.Name })
            .ToListAsync(ct);
        foreach (var t in tenders)
        {
            var url = $"/Tenders/Details/{t.Id}";
            entries.Add(new Entry(url + "#notice", $"采购公告：{t.Title}", url, t.PublishedAt!.Value,
                $"{t.Street}发布采购公告，最高限价 {MoneyFormat.Yuan(t.Ceiling)}，报名截止 {ChinaTime.Minutes(t.Deadline)}。"));
            // The award's time from the read row; only a row projected before that column asks its grain (issue 15).
            if (t is { AwardedName: not null, PublicityEndsAt: { } ends }
                && (t.AwardedAt ?? (await grains.GetGrain<ITenderGrain>(t.Id).GetInfoAsync())?.Award?.AwardedAt) is { } awardedAt)
            {
                var kind = t.SingleSourceReason is null ? "中标结果公示" : "单一来源公示";
                entries.Add(new Entry(url + "#publicity", $"{kind}：{t.Title}", url, awardedAt,
                    $"{t.Street} · {t.AwardedName} · {MoneyFormat.Yuan(t.AwardedPrice ?? Money.Zero)}，公示至 {WorkingDayPeriod.LastDayOf(ends):yyyy-MM-dd} 24:00。"));
            }
        }
        foreach (var summary in (await grains.GetGrain<IVentureRoundListGrain>(district).ListAsync()).Where(s => s.Status != RoundStatus.Draft))
        {
            if (await grains.GetGrain<IVentureRoundGrain>(summary.Id).GetPublicAsync() is not { } view)
            {
                continue;
            }
            var url = $"/Rounds/Details/{summary.Id}";
            var s = view.Info.Settings;
            entries.Add(new Entry(url + "#notice", $"公益创投申报：{s.Title}", url, s.OpensAt,
                $"资金池 {MoneyFormat.Yuan(s.Pool)}，单项上限 {MoneyFormat.Yuan(s.Cap)}，申报截止 {ChinaTime.Minutes(s.Deadline)}。"));
            if (view.Info.Publicity is { } p)
            {
                entries.Add(new Entry(url + "#publicity", $"立项公示：{s.Title}", url, new DateTimeOffset(p.Announced.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset),
                    $"资助项目 {view.Funded.Length} 个，公示至 {p.LastDay:yyyy-MM-dd} 24:00。"));
            }
        }
        return [.. entries.OrderByDescending(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }

    private static XDocument Render(string root, long district, string name, List<Entry> entries)
    {
        static string Time(DateTimeOffset at) => at.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:ss'+08:00'", CultureInfo.InvariantCulture);
        // With no entry yet, the feed is as old as the platform's first budget year.
        var updated = entries.Count > 0 ? entries.Max(e => e.At) : new DateTimeOffset(2025, 1, 1, 0, 0, 0, ChinaTime.Offset);
        var self = $"{root}/feeds/{district}.atom";
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement(Atom + "feed",
            new XAttribute(XNamespace.Xml + "lang", "zh-CN"),
            new XElement(Atom + "id", self),
            new XElement(Atom + "title", $"{name} 政府购买服务公告与公示"),
            new XElement(Atom + "updated", Time(updated)),
            new XElement(Atom + "author", new XElement(Atom + "name", $"{name} 街道购买服务平台")),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", self)),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", $"{root}/Districts/{district}")),
            entries.Select(e => new XElement(Atom + "entry",
                new XElement(Atom + "id", root + e.Id),
                new XElement(Atom + "title", e.Title),
                new XElement(Atom + "updated", Time(e.At)),
                new XElement(Atom + "published", Time(e.At)),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", root + e.Url)),
                new XElement(Atom + "summary", e.Summary)))));
    }
}
