using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Budgets;

/// <summary>Read-model queries shared by the street page, the district table, the export and the public API.</summary>
public static class BudgetQueries
{
    /// <summary>One street's year with its floor and growth standing. <see cref="Row"/> is null when nothing was entered.</summary>
    public sealed record StreetYear(
        long DistrictId, string District, long StreetId, string Street, int Year,
        StreetBudgetRow? Row, IReadOnlyList<StreetBudgetSourceRow> Sources, BudgetStanding Standing)
    {
        public string StatusText => Row?.Status switch
        {
            null => "未填报",
            BudgetStatus.PendingConfirmation => "待区确认",
            BudgetStatus.Confirmed => "已确认",
            _ => "",
        };

        public Money Total => Standing.Total;
    }

    /// <summary>Committed and disbursed money of one service area (from the contracts' postings).</summary>
    public sealed record AreaLine(string Code, string Name, Money Committed, Money Disbursed);

    /// <summary>
    /// Every street of the district(s) for the year, including streets with no budget (shown as 未填报,
    /// total 0, flagged). <paramref name="confirmedOnly"/>: judge the confirmed (allocated) budget, as
    /// published; otherwise the latest entered figure, as the officials work with it.
    /// </summary>
    public static async Task<IReadOnlyList<StreetYear>> YearAsync(
        AppDbContext db, int year, long? districtId, bool confirmedOnly, CancellationToken ct)
    {
        var streets = await db.Streets.AsNoTracking()
            .Where(s => districtId == null || s.DistrictId == districtId)
            .Select(s => new { s.Id, s.Name, s.DistrictId, District = s.District!.City + s.District.Name })
            .OrderBy(s => s.DistrictId).ThenBy(s => s.Id)
            .ToListAsync(ct);
        var ids = streets.Select(s => s.Id).ToList();
        var rows = await db.StreetBudgets.AsNoTracking()
            .Where(b => ids.Contains(b.StreetId) && (b.Year == year || b.Year == year - 1))
            .ToListAsync(ct);
        var sources = await db.StreetBudgetSources.AsNoTracking()
            .Where(s => ids.Contains(s.StreetId) && s.Year == year)
            .ToListAsync(ct);
        var floors = await db.DistrictBudgetPolicies.AsNoTracking().ToDictionaryAsync(p => p.DistrictId, p => p.Floor, ct);

        Money? TotalOf(StreetBudgetRow? r) => r is null ? null
            : confirmedOnly ? (r.ConfirmedAt is null ? null : r.Allocated) : r.Planned;

        var result = new List<StreetYear>();
        foreach (var s in streets)
        {
            var row = rows.FirstOrDefault(r => r.StreetId == s.Id && r.Year == year);
            if (confirmedOnly && row?.ConfirmedAt is null)
            {
                row = null;
            }
            var previous = TotalOf(rows.FirstOrDefault(r => r.StreetId == s.Id && r.Year == year - 1));
            var floor = floors.GetValueOrDefault(s.DistrictId, BudgetPolicy.DefaultFloor);
            var standing = new BudgetStanding(TotalOf(row) ?? Money.Zero, floor, previous);
            result.Add(new StreetYear(s.DistrictId, s.District, s.Id, s.Name, year, row,
                [.. sources.Where(x => x.StreetId == s.Id).OrderBy(x => x.Source)], standing));
        }
        return result;
    }

    public static async Task<StreetYear?> StreetAsync(AppDbContext db, long streetId, int year, CancellationToken ct)
    {
        var districtId = await db.Streets.Where(s => s.Id == streetId).Select(s => (long?)s.DistrictId).SingleOrDefaultAsync(ct);
        if (districtId is null)
        {
            return null;
        }
        return (await YearAsync(db, year, districtId, confirmedOnly: false, ct)).Single(s => s.StreetId == streetId);
    }

    public static async Task<IReadOnlyList<AreaLine>> ByServiceAreaAsync(AppDbContext db, long streetId, int year, CancellationToken ct)
    {
        var sums = await db.Postings.AsNoTracking()
            .Where(p => p.StreetId == streetId && p.Year == year && p.ServiceAreaCode != null
                && (p.Account == LedgerAccountKind.Committed || p.Account == LedgerAccountKind.Disbursed))
            .GroupBy(p => new { p.ServiceAreaCode, p.Account })
            .Select(g => new { g.Key.ServiceAreaCode, g.Key.Account, Fen = g.Sum(p => p.AmountFen) })
            .ToListAsync(ct);
        var areas = await db.ServiceAreas.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync(ct);
        return [.. areas
            .Where(a => sums.Any(x => x.ServiceAreaCode == a.Code))
            .Select(a => new AreaLine(a.Code, a.Name,
                Money.FromFen(sums.Where(x => x.ServiceAreaCode == a.Code && x.Account == LedgerAccountKind.Committed).Sum(x => x.Fen)),
                Money.FromFen(sums.Where(x => x.ServiceAreaCode == a.Code && x.Account == LedgerAccountKind.Disbursed).Sum(x => x.Fen))))];
    }

    /// <summary>The current year in China (budgets are calendar years, 预算年度).</summary>
    public static int CurrentYear(TimeProvider clock) => ChinaTime.Year(clock.GetUtcNow());
}
