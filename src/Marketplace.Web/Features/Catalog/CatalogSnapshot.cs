using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Catalog;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Catalog;

/// <summary>
/// The published catalog in memory, joined with its street, district and service-area names and ordered as
/// the public list shows it (issue 15: a keyword search over 10,000 items scanned every row twice per cache
/// miss). Loaded with one statement on first use; a saved change to the catalog's tables on this silo
/// (<see cref="PublicReadEviction"/>) marks it stale, and it is never older than <see cref="MaxAge"/>, so a
/// change made on another silo is public within 1 s too. One load runs at a time and swaps an immutable
/// version: readers of an expired version keep it while the next loads; only a reader after a change saved
/// on this silo waits for a version loaded after that change, so the official who publishes sees the item.
/// </summary>
// The context comes from a scope per load: the context factory's options resolve PublicReadEviction, which
// holds this snapshot, so taking the factory here would make the singletons depend on each other.
public sealed class CatalogSnapshot(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = PublicReadCache.Expiry;

    /// <summary>One loaded version: the items in list order and the filter lists drawn from them.</summary>
    public sealed class Version(long generation, long loadedAt, ImmutableArray<CatalogQueries.PublicItem> items,
        ImmutableArray<FilterOption> streets, ImmutableArray<FilterOption> areas, ImmutableArray<FilterOption> districts)
    {
        public long Generation { get; } = generation;
        public long LoadedAt { get; } = loadedAt;
        public ImmutableArray<CatalogQueries.PublicItem> Items { get; } = items;

        /// <summary>Streets with a published item, by district then street id (the filter list of /Catalog).</summary>
        public ImmutableArray<FilterOption> Streets { get; } = streets;

        /// <summary>Service areas with a published item, in their sort order.</summary>
        public ImmutableArray<FilterOption> Areas { get; } = areas;

        /// <summary>Districts with a published item, by id: /Catalog lists a district's streets once it is chosen.</summary>
        public ImmutableArray<FilterOption> Districts { get; } = districts;

        private FrozenDictionary<long, FilterOption>? streetsById;
        private readonly ConcurrentDictionary<long, string> streetOptions = new();

        /// <summary>The street's option (with its district), or null when it has no published item.</summary>
        public FilterOption? StreetOf(long id) =>
            (streetsById ??= Streets.ToFrozenDictionary(s => long.Parse(s.Value, CultureInfo.InvariantCulture))).GetValueOrDefault(id);

        /// <summary>One district's street &lt;option&gt;s, rendered once per version (issue 15: all 1,026 were ≈ 60 KB per page).</summary>
        public string StreetOptionsHtml(long district) =>
            streetOptions.GetOrAdd(district, d => CatalogFilterHtml.StreetOptions(Streets.Where(s => s.DistrictId == d)));
    }

    /// <param name="Group">The district a street option is listed under; null for a service area or a district.</param>
    /// <param name="DistrictId">A street option's district; 0 for the other lists.</param>
    public sealed record FilterOption(string Value, string Text, string? Group, long DistrictId = 0);

    private readonly Lock gate = new();
    private Version? current;
    private long generation;
    private Task<Version>? loading;
    private long loadingGeneration;

    /// <summary>The version readers get now; null before the first load.</summary>
    public Version? Current => Volatile.Read(ref current);

    /// <summary>Called after a saved change to one of <see cref="PublicReads.Catalog"/>'s tables.</summary>
    public void Invalidate() => Interlocked.Increment(ref generation);

    public async ValueTask<Version> GetAsync(CancellationToken ct)
    {
        var wanted = Interlocked.Read(ref generation);
        var version = Volatile.Read(ref current);
        if (version is not null && version.Generation >= wanted)
        {
            if (clock.GetElapsedTime(version.LoadedAt) >= MaxAge)
            {
                // Expired only: load the next in the background, answer from this one meanwhile.
                _ = LoadAfter(wanted, waitForRunning: false);
            }
            return version;
        }
        return await LoadAfter(wanted, waitForRunning: true).WaitAsync(ct);
    }

    /// <summary>The running load if it covers <paramref name="wanted"/>, else a new one queued after it.</summary>
    private Task<Version> LoadAfter(long wanted, bool waitForRunning)
    {
        lock (gate)
        {
            if (loading is { IsCompleted: false } running)
            {
                if (loadingGeneration >= wanted || !waitForRunning)
                {
                    return running;
                }
                // Started before the change: queue one after it, never two at once.
                loading = running.ContinueWith(_ => LoadAsync(), CancellationToken.None,
                    TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            }
            else
            {
                loading = Task.Run(LoadAsync);
            }
            loadingGeneration = wanted;
            return loading;
        }
    }

    private async Task<Version> LoadAsync()
    {
        // Read before the query: a change saved during it leaves this version stale.
        var loadedGeneration = Interlocked.Read(ref generation);
        var loadedAt = clock.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await (from i in db.TransferItems.AsNoTracking()
                          where i.Status == TransferItemStatus.Published
                          join st in db.Streets on i.StreetId equals st.Id
                          join d in db.Districts on st.DistrictId equals d.Id
                          join a in db.ServiceAreas on i.ServiceAreaCode equals a.Code
                          orderby i.DistrictId, i.StreetId, i.Title
                          select new { i, Street = st.Name, DistrictFull = d.City + d.Name, DistrictName = d.Name, Area = a.Name, AreaOrder = a.SortOrder })
            .ToListAsync();
        var items = rows.Select(r => CatalogQueries.ToPublic(r.i, r.Street, r.DistrictFull, r.Area)).ToImmutableArray();
        var streets = rows.DistinctBy(r => r.i.StreetId).OrderBy(r => r.i.DistrictId).ThenBy(r => r.i.StreetId)
            .Select(r => new FilterOption(r.i.StreetId.ToString(CultureInfo.InvariantCulture), r.Street, r.DistrictName, r.i.DistrictId))
            .ToImmutableArray();
        var districts = rows.DistinctBy(r => r.i.DistrictId).OrderBy(r => r.i.DistrictId)
            .Select(r => new FilterOption(r.i.DistrictId.ToString(CultureInfo.InvariantCulture), r.DistrictFull, null)).ToImmutableArray();
        var areas = rows.DistinctBy(r => r.i.ServiceAreaCode).OrderBy(r => r.AreaOrder)
            .Select(r => new FilterOption(r.i.ServiceAreaCode, r.Area, null)).ToImmutableArray();
        var version = new Version(loadedGeneration, loadedAt, items, streets, areas, districts);
        Volatile.Write(ref current, version);
        return version;
    }
}
