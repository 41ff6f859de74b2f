using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Budgets;

/// <summary>
/// The one source of every budget figure: the street and district pages, the public page and JSON, the
/// PDF reports and the workbooks all read these queries, so a street's budget, status, encumbered,
/// committed, disbursed and available are the same wherever they are shown (available from
/// <see cref="BudgetFigures.Available"/>).
/// </summary>
public static class BudgetQueries
{
    /// <summary>
    /// One street's year with its floor and growth standing. <see cref="Row"/> is null when nothing was entered.
    /// 年度预算 (<see cref="Total"/>) is the latest figure the street entered, judged against the floor whether
    /// or not the district has confirmed it yet; <see cref="StatusText"/> says which. Money can only be spent
    /// once confirmed, so the ledger figures (<see cref="Figures"/>) start from what was allocated.
    /// </summary>
    public sealed record StreetYear(
        long DistrictId, string District, long StreetId, string Street, int Year,
        StreetBudgetRow? Row, IReadOnlyList<StreetBudgetSourceRow> Sources, BudgetStanding Standing)
    {
        public string StatusText => StatusOf(Row?.Status);

        public Money Total => Standing.Total;

        public BudgetFigures Figures => Row?.Figures ?? BudgetFigures.Zero;
    }

    public static string StatusOf(BudgetStatus? status) => status switch
    {
        null => "未填报",
        BudgetStatus.PendingConfirmation => "待区确认",
        BudgetStatus.Confirmed => "已确认",
        _ => "",
    };

    /// <summary>
    /// One purchase of the street's year as the ledger knows it: a published tender (its 预算占用) or a
    /// contract (its commitment and payments). A contract signed from a tender counts as that tender.
    /// </summary>
    public sealed record Purchase(
        string ReferenceType, string ReferenceId, string Title, string? Organization, string? Method,
        string? AreaCode, string AreaName, BudgetFigures Figures, string Status);

    /// <summary>The purchases of one service area, summed.</summary>
    public sealed record AreaLine(string Code, string Name, int Count, BudgetFigures Figures);

    /// <summary>Every street of the district(s) for the year, including streets with no budget (未填报, total 0, flagged).</summary>
    public static async Task<IReadOnlyList<StreetYear>> YearAsync(AppDbContext db, int year, long? districtId, CancellationToken ct)
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

        var result = new List<StreetYear>();
        foreach (var s in streets)
        {
            var row = rows.FirstOrDefault(r => r.StreetId == s.Id && r.Year == year);
            var previous = rows.FirstOrDefault(r => r.StreetId == s.Id && r.Year == year - 1)?.Planned;
            var floor = floors.GetValueOrDefault(s.DistrictId, BudgetPolicy.DefaultFloor);
            var standing = new BudgetStanding(row?.Planned ?? Money.Zero, floor, previous);
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
        return (await YearAsync(db, year, districtId, ct)).Single(s => s.StreetId == streetId);
    }

    /// <summary>The street's purchases of the year, from its posting groups, in the order they first moved money.</summary>
    public static async Task<IReadOnlyList<Purchase>> PurchasesAsync(AppDbContext db, long streetId, int year, CancellationToken ct)
    {
        var groups = await db.PostingGroups.AsNoTracking()
            .Where(g => g.StreetId == streetId && g.Year == year && g.Kind != PostingKind.Allocation)
            .OrderBy(g => g.Sequence)
            .Select(g => new { g.Id, g.Kind, g.Reason, g.CommitmentType, g.CommitmentId, g.EncumbranceType, g.EncumbranceId, g.ServiceAreaCode })
            .ToListAsync(ct);
        var sums = await db.Postings.AsNoTracking()
            .Where(p => p.StreetId == streetId && p.Year == year)
            .GroupBy(p => new { p.GroupId, p.Account })
            .Select(x => new { x.Key.GroupId, x.Key.Account, Fen = x.Sum(p => p.AmountFen) })
            .ToListAsync(ct);
        // A contract signed from a tender: its later payments and releases name only the contract.
        var tenderOfContract = groups.Where(g => g.CommitmentId != null && g.EncumbranceId != null)
            .GroupBy(g => (g.CommitmentType!, g.CommitmentId!))
            .ToDictionary(x => x.Key, x => (x.First().EncumbranceType!, x.First().EncumbranceId!));
        (string Type, string Id)? PurchaseOf(string? encType, string? encId, string? comType, string? comId) =>
            encId is not null ? (encType!, encId)
            : comId is not null ? tenderOfContract.GetValueOrDefault((comType!, comId), (comType!, comId))
            : null;

        var byPurchase = groups
            .Select(g => (Key: PurchaseOf(g.EncumbranceType, g.EncumbranceId, g.CommitmentType, g.CommitmentId), Group: g))
            .Where(x => x.Key is not null)
            .GroupBy(x => x.Key!.Value)
            .ToList();
        var tenderIds = byPurchase.Where(p => p.Key.Type == DocumentTypes.Tender)
            .Select(p => Guid.TryParse(p.Key.Id, out var id) ? id : Guid.Empty).ToList();
        var tenders = await db.Tenders.AsNoTracking().Where(t => tenderIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Title, t.AwardedName, t.Method, t.Status }).ToDictionaryAsync(t => t.Id.ToString("N"), ct);
        var areas = await db.ServiceAreas.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, ct);

        Money Sum(IEnumerable<Guid> ids, LedgerAccountKind account) =>
            Money.FromFen(sums.Where(s => s.Account == account && ids.Contains(s.GroupId)).Sum(s => s.Fen));

        return [.. byPurchase.Select(p =>
        {
            var ids = p.Select(x => x.Group.Id).ToHashSet();
            var figures = new BudgetFigures(Money.Zero, Sum(ids, LedgerAccountKind.Encumbered),
                Sum(ids, LedgerAccountKind.Committed), Sum(ids, LedgerAccountKind.Disbursed));
            var area = p.Select(x => x.Group.ServiceAreaCode).FirstOrDefault(c => c is not null);
            var tender = p.Key.Type == DocumentTypes.Tender ? tenders.GetValueOrDefault(p.Key.Id) : null;
            var title = tender?.Title ?? p.First().Group.Reason;
            var status = tender is not null ? tender.Status.Chinese() : ContractStatus(figures);
            return new Purchase(p.Key.Type, p.Key.Id, title, tender?.AwardedName, tender?.Method.Chinese(),
                area, area is null ? "其他" : areas.GetValueOrDefault(area, area), figures, status);
        })];
    }

    /// <summary>A contract entered without a platform purchase: where its money stands.</summary>
    private static string ContractStatus(BudgetFigures f) =>
        !f.Committed.IsZero ? "履约中" : !f.Disbursed.IsZero ? "已支付完毕" : "已解除";

    /// <summary>The purchases grouped by service area, in the catalogue's order (the same lines as <see cref="PurchasesAsync"/>).</summary>
    public static async Task<IReadOnlyList<AreaLine>> ByServiceAreaAsync(AppDbContext db, IReadOnlyList<Purchase> purchases, CancellationToken ct)
    {
        var order = await db.ServiceAreas.AsNoTracking().OrderBy(a => a.SortOrder).Select(a => a.Code).ToListAsync(ct);
        return [.. purchases.GroupBy(p => (p.AreaCode, p.AreaName))
            .OrderBy(g => g.Key.AreaCode is { } c && order.IndexOf(c) is >= 0 and var i ? i : int.MaxValue)
            .Select(g => new AreaLine(g.Key.AreaCode ?? "", g.Key.AreaName, g.Count(), BudgetFigures.Sum(g.Select(p => p.Figures))))];
    }

    /// <summary>The current year in China (budgets are calendar years, 预算年度).</summary>
    public static int CurrentYear(TimeProvider clock) => ChinaTime.Year(clock.GetUtcNow());
}
