using Marketplace.Grid;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Grid;

/// <summary>One need a purchase answers, as its public page shows it: 村(社区), service area and how many matters — nothing of a resident.</summary>
public sealed record AnsweredNeed(string Community, string Area, int Count);

/// <summary>本项目回应的群众需求: the confirmed needs the street linked to a purchase, read for the purchase's public page.</summary>
public sealed class AnsweredNeeds(AppDbContext db, IGrainFactory grains)
{
    public async Task<IReadOnlyList<AnsweredNeed>> ForAsync(long streetId, NeedLink link, CancellationToken ct)
    {
        var reviews = await grains.GetGrain<IStreetMattersGrain>(streetId).NeedsAnsweredByAsync(link);
        if (reviews.IsDefaultOrEmpty)
        {
            return [];
        }
        var names = await db.ServiceAreas.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        return [.. reviews.Select(r => new AnsweredNeed(r.Community, names.GetValueOrDefault(r.ServiceAreaCode) ?? r.ServiceAreaCode, r.Count))];
    }
}
