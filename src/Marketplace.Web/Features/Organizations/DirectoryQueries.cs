using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Organizations;

/// <summary>The directory search shared by the public page, the public JSON and the district pages.</summary>
public static class DirectoryQueries
{
    public const int PageSize = 20;

    public sealed record Filter
    {
        public long? DistrictId { get; init; }
        /// <summary>Null = every status (district admin); the public sees only 已入库.</summary>
        public DirectoryStatus? Status { get; init; }
        public string? Area { get; init; }
        public ProviderType? Type { get; init; }
        public int? MinSocialWorkers { get; init; }
        public bool? Incubated { get; init; }
        /// <summary>Street proximity: organizations based in this street come first.</summary>
        public long? NearStreetId { get; init; }
        public string? Q { get; init; }
    }

    public sealed record Item(
        string Uscc, string Name, ProviderType Type, long DistrictId, string District, string? Street,
        IReadOnlyList<string> ServiceAreas, int CertifiedSocialWorkers, int StaffCount, bool Incubated,
        DirectoryStatus Status, string StatusReason, DateTimeOffset StatusChangedAt, DateOnly RegisteredOn,
        bool HasActiveNegativeEntry, int? Stars = null, bool Priority = false); // 星级评定 and 优秀 priority (OrganizationRatings)

    public sealed record Page(IReadOnlyList<Item> Items, int Total, int PageNumber, int PageSize)
    {
        public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    /// <summary>
    /// The search form fields the public and district directory pages share, as typed. An unreadable
    /// "持证社工 ≥" is reported through <paramref name="minError"/>; other unknown values mean "any".
    /// </summary>
    public static Filter ParseForm(string? area, string? type, string? minSocialWorkers, string? incubated, string? q, Action<string> minError)
    {
        int? min = null;
        if (!string.IsNullOrWhiteSpace(minSocialWorkers))
        {
            if (OrganizationRules.TryParseCount(minSocialWorkers, "持证社工人数", out var m, out var error))
            {
                min = m;
            }
            else
            {
                minError(error!);
            }
        }
        return new Filter
        {
            Area = area,
            Type = Enum.TryParse<ProviderType>(type, out var t) && Enum.IsDefined(t) ? t : null,
            MinSocialWorkers = min,
            Incubated = incubated switch { "yes" => true, "no" => false, _ => null },
            Q = q?.Length > 100 ? q[..100] : q,
        };
    }

    public static IQueryable<OrganizationRow> Apply(AppDbContext db, Filter f)
    {
        var rows = db.Organizations.AsNoTracking();
        if (f.DistrictId is { } d)
        {
            rows = rows.Where(o => o.DistrictId == d);
        }
        if (f.Status is { } s)
        {
            rows = rows.Where(o => o.Status == s);
        }
        if (!string.IsNullOrWhiteSpace(f.Area))
        {
            var wrapped = "," + f.Area.Trim() + ",";
            rows = rows.Where(o => o.ServiceAreas.Contains(wrapped));
        }
        if (f.Type is { } t)
        {
            rows = rows.Where(o => o.Type == t);
        }
        if (f.MinSocialWorkers is { } min)
        {
            rows = rows.Where(o => o.CertifiedSocialWorkers >= min);
        }
        if (f.Incubated is { } inc)
        {
            rows = rows.Where(o => o.Incubated == inc);
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var term = f.Q.Trim();
            var code = Uscc.Normalise(term);
            rows = rows.Where(o => o.Name.Contains(term) || o.Uscc.Contains(code));
        }
        return rows;
    }

    public static async Task<Page> SearchAsync(AppDbContext db, Filter f, int page, CancellationToken ct)
    {
        page = Math.Clamp(page, 1, 10_000);
        var rows = Apply(db, f);
        var total = await rows.CountAsync(ct);
        var near = f.NearStreetId ?? -1;
        var found = await rows
            .OrderByDescending(o => o.StreetId == near)
            .ThenBy(o => o.Status)
            .ThenByDescending(o => o.CertifiedSocialWorkers)
            .ThenBy(o => o.Name)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new Page(await DescribeAsync(db, found, ct), total, page, PageSize);
    }

    /// <summary>Adds district, street and area names and the negative-entry flag to read-model rows.</summary>
    public static async Task<IReadOnlyList<Item>> DescribeAsync(AppDbContext db, IReadOnlyList<OrganizationRow> found, CancellationToken ct)
    {
        var districts = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.City + d.Name, ct);
        var streetIds = found.Where(o => o.StreetId is not null).Select(o => o.StreetId!.Value).Distinct().ToList();
        var streets = await db.Streets.AsNoTracking().Where(s => streetIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var areas = await AreaNamesAsync(db, ct);
        var codes = found.Select(o => o.Uscc).ToList();
        var today = ChinaTime.Day(DateTimeOffset.UtcNow);
        var flagged = (await db.NegativeEntries.AsNoTracking()
            .Where(n => codes.Contains(n.Uscc) && n.RevokedAt == null && n.StartsOn <= today && (n.EndsOn == null || n.EndsOn >= today))
            .Select(n => n.Uscc).Distinct().ToListAsync(ct)).ToHashSet();
        var ratings = await OrganizationRatings.ForAsync(db, codes, ct);
        return [.. found.Select(o => new Item(
            o.Uscc, o.Name, o.Type, o.DistrictId, districts.GetValueOrDefault(o.DistrictId, ""),
            o.StreetId is { } s ? streets.GetValueOrDefault(s) : null,
            [.. o.ServiceAreaCodes.Select(c => areas.GetValueOrDefault(c, c))], o.CertifiedSocialWorkers, o.StaffCount,
            o.Incubated, o.Status, o.StatusReason, o.StatusChangedAt, o.RegisteredOn, flagged.Contains(o.Uscc),
            ratings.GetValueOrDefault(o.Uscc)?.Stars, ratings.GetValueOrDefault(o.Uscc)?.Priority ?? false))];
    }

    public static Task<Dictionary<string, string>> AreaNamesAsync(AppDbContext db, CancellationToken ct) =>
        db.ServiceAreas.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, ct);
}
