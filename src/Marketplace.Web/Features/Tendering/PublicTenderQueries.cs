using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Tendering;

/// <summary>The public list of purchase notices (SPEC §3.10): search, filters and paging. Drafts are never listed.</summary>
public static class PublicTenderQueries
{
    public const int PageSize = 20;

    /// <summary>The stages a visitor filters by; each maps to the statuses it covers.</summary>
    public static readonly IReadOnlyList<(string Key, string Name, TenderStatus[] Statuses)> Stages =
    [
        ("open", "报名中", [TenderStatus.Published]),
        ("review", "评审中", [TenderStatus.Closed, TenderStatus.UnderReview]),
        ("publicity", "公示中", [TenderStatus.Publicity]),
        ("done", "已完成", [TenderStatus.ReadyForContract]),
        ("failed", "失败或取消", [TenderStatus.Failed, TenderStatus.Cancelled]),
    ];

    public sealed record Filter(string? Q, long? Street, string? Area, PurchaseMethod? Method, string? Stage, int Page);

    public sealed record Row(Guid Id, string Title, string Street, string District, string Area, PurchaseMethod Method, Money Ceiling,
        DateTimeOffset? PublishedAt, DateTimeOffset Deadline, TenderStatus Status, string? AwardedName);

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, int Page, int PageCount);

    public static async Task<Result> SearchAsync(AppDbContext db, Filter f, CancellationToken ct)
    {
        var tenders = db.Tenders.AsNoTracking().Where(t => t.Status != TenderStatus.Draft);
        if (f.Street is { } street)
        {
            tenders = tenders.Where(t => t.StreetId == street);
        }
        if (f.Method is { } method)
        {
            tenders = tenders.Where(t => t.Method == method);
        }
        if (Stages.FirstOrDefault(s => s.Key == f.Stage).Statuses is { } statuses)
        {
            tenders = tenders.Where(t => statuses.Contains(t.Status));
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var term = f.Q.Trim();
            tenders = tenders.Where(t => t.Title.Contains(term));
        }
        var query = from t in tenders
                    join i in db.TransferItems on t.TransferItemId equals i.Id
                    join a in db.ServiceAreas on i.ServiceAreaCode equals a.Code
                    join s in db.Streets on t.StreetId equals s.Id
                    join d in db.Districts on s.DistrictId equals d.Id
                    where string.IsNullOrEmpty(f.Area) || i.ServiceAreaCode == f.Area
                    select new { t, Area = a.Name, Street = s.Name, District = d.Name };
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(f.Page, 1, pageCount);
        // Open notices first, then the newest; the id last so pages never overlap.
        var rows = await query
            .OrderBy(r => r.t.Status == TenderStatus.Published ? 0 : 1).ThenByDescending(r => r.t.OpensAt).ThenBy(r => r.t.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(r => new Row(r.t.Id, r.t.Title, r.Street, r.District, r.Area, r.t.Method, r.t.Ceiling, r.t.PublishedAt, r.t.Deadline, r.t.Status, r.t.AwardedName))
            .ToListAsync(ct);
        return new Result(rows, total, page, pageCount);
    }
}
