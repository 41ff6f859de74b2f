using Marketplace.Calendar;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Budgets;
using Marketplace.Web.Features.Contracts;
using Marketplace.Web.Features.Rounds;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Disclosure;

/// <summary>
/// What the public portal (home, district and street pages, feeds) shows, read from the same queries as the
/// public lists and JSON (tenders, rounds, contracts, budgets, directory) so every place shows the same figures.
/// </summary>
public static class PortalQueries
{
    /// <summary>Something open now: a notice or round taking applications, or a 公示 running, with its end.</summary>
    public sealed record OpenItem(string Kind, string Title, string Where, long DistrictId, long? StreetId, string Url,
        DateTimeOffset? Deadline, DateOnly? PublicityLastDay, int? WorkingDaysLeft, DateTimeOffset Since);

    public sealed record AwardItem(string Title, string Where, long? StreetId, string Winner, Money Price, DateTimeOffset? At, string Url);

    public sealed record Scope(long? DistrictId, long? StreetId);

    public static async Task<List<OpenItem>> OpenAsync(AppDbContext db, IGrainFactory grains, Scope scope, DateTimeOffset now, CancellationToken ct)
    {
        var streets = await db.Streets.AsNoTracking().Select(s => new { s.Id, s.Name, s.DistrictId, District = s.District!.Name }).ToDictionaryAsync(s => s.Id, ct);
        var today = ChinaTime.Day(now);
        var calendars = new Dictionary<long, (ChineseWorkCalendar Calendar, int Length)>();
        async Task<int> LeftAsync(long districtId, DateOnly lastDay)
        {
            if (!calendars.TryGetValue(districtId, out var c))
            {
                var view = await grains.GetGrain<IDistrictCalendarGrain>(districtId).GetAsync();
                calendars[districtId] = c = (new ChineseWorkCalendar(OfficialHolidaySchedules.Days, view.Amendments), view.PublicityWorkingDays);
            }
            // Working days still to run on the district's calendar (节假日安排 included), today counted; on the day
            // it is announced the 公示 has not begun (it starts the next working day), so at most its full length.
            return Math.Min(c.Calendar.CountWorkingDays(today, lastDay), c.Length);
        }

        var items = new List<OpenItem>();
        var tenders = await db.Tenders.AsNoTracking()
            .Where(t => (t.Status == TenderStatus.Published || t.Status == TenderStatus.Publicity)
                && (scope.DistrictId == null || t.DistrictId == scope.DistrictId) && (scope.StreetId == null || t.StreetId == scope.StreetId))
            .ToListAsync(ct);
        foreach (var t in tenders)
        {
            var s = streets[t.StreetId];
            var where = $"{s.District} · {s.Name}";
            if (t.Status == TenderStatus.Published && t.Deadline > now)
            {
                items.Add(new OpenItem("采购公告", t.Title, where, t.DistrictId, t.StreetId, $"/Tenders/Details/{t.Id}", t.Deadline, null, null, t.PublishedAt ?? t.OpensAt));
            }
            else if (t is { Status: TenderStatus.Publicity, PublicityEndsAt: { } ends } && ends > now)
            {
                var last = WorkingDayPeriod.LastDayOf(ends);
                var kind = t.SingleSourceReason is null ? "中标结果公示" : "单一来源公示";
                items.Add(new OpenItem(kind, t.Title, where, t.DistrictId, t.StreetId, $"/Tenders/Details/{t.Id}", null, last, await LeftAsync(t.DistrictId, last), t.ClosedAt ?? t.OpensAt));
            }
        }
        foreach (var r in await PublicRoundsApi.QueryAsync(db, grains, null, scope.DistrictId, ct))
        {
            if (scope.StreetId is { } street && r.StreetId != street)
            {
                continue;
            }
            var where = r.StreetId is { } rs ? $"{r.District} · {streets[rs].Name}" : r.District;
            if (r.Status == RoundStatus.Open.Chinese() && r.Deadline > now)
            {
                items.Add(new OpenItem("公益创投申报", r.Title, where, r.DistrictId, r.StreetId, $"/Rounds/Details/{r.RoundId}", r.Deadline, null, null, r.Deadline));
            }
            else if (r.Status == RoundStatus.Publicity.Chinese()
                && await grains.GetGrain<IVentureRoundGrain>(r.RoundId).GetPublicAsync() is { Info.Publicity: { } p } && p.EndsAt > now)
            {
                items.Add(new OpenItem("立项公示", r.Title, where, r.DistrictId, r.StreetId, $"/Rounds/Details/{r.RoundId}", null, p.LastDay,
                    await LeftAsync(r.DistrictId, p.LastDay), new DateTimeOffset(p.Announced.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset)));
            }
        }
        return [.. items.OrderBy(i => i.Deadline ?? DateTimeOffset.MaxValue).ThenBy(i => i.PublicityLastDay).ThenBy(i => i.Title, StringComparer.Ordinal)];
    }

    public static async Task<List<AwardItem>> RecentAwardsAsync(AppDbContext db, Scope scope, int take, CancellationToken ct)
    {
        var rows = await (from t in db.Tenders.AsNoTracking()
                          join s in db.Streets on t.StreetId equals s.Id
                          join d in db.Districts on s.DistrictId equals d.Id
                          where t.AwardedName != null && (scope.DistrictId == null || t.DistrictId == scope.DistrictId) && (scope.StreetId == null || t.StreetId == scope.StreetId)
                          select new { t.Id, t.Title, t.StreetId, Street = s.Name, District = d.Name, t.AwardedName, t.AwardedPrice, t.PublicityEndsAt }).ToListAsync(ct);
        // Ordered in memory: SQLite cannot order by a DateTimeOffset column.
        return [.. rows.OrderByDescending(r => r.PublicityEndsAt).Take(take)
            .Select(r => new AwardItem(r.Title, $"{r.District} · {r.Street}", r.StreetId, r.AwardedName!, r.AwardedPrice ?? Money.Zero, r.PublicityEndsAt, $"/Tenders/Details/{r.Id}"))];
    }

    public static async Task<List<PublicContractsApi.ContractDto>> RecentContractsAsync(AppDbContext db, Scope scope, int take, CancellationToken ct) =>
        [.. (await PublicContractsApi.QueryAsync(db, null, scope.DistrictId, scope.StreetId, ct)).Take(take)];

    /// <summary>Each street's budget of the year against its district's floor (default 2,000,000.00).</summary>
    public static Task<IReadOnlyList<BudgetQueries.StreetYear>> BudgetsAsync(AppDbContext db, long? districtId, int year, CancellationToken ct) =>
        BudgetQueries.YearAsync(db, year, districtId, ct);
}
