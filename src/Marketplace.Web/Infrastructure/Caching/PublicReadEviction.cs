using System.Runtime.CompilerServices;
using Marketplace.Web.Features.Catalog;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Web.Infrastructure.Caching;

/// <summary>
/// After a successful SaveChanges, evicts the cached public reads whose tables the save touched. The
/// tables are noted before the save (afterwards the entries are Unchanged or detached); a failed save
/// evicts nothing because nothing changed. A change to the catalog's tables also marks the in-memory
/// catalog stale (<see cref="CatalogSnapshot"/>), before the cached answers go, so no answer rebuilt
/// after the eviction reads the old version.
/// </summary>
public sealed class PublicReadEviction(IOutputCacheStore store, CatalogSnapshot catalog) : SaveChangesInterceptor
{
    // One pending set per context instance; the interceptor is shared by every (pooled) context.
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        foreach (var tag in TouchedReads(eventData.Context))
        {
            await store.EvictByTagAsync(tag, cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        foreach (var tag in TouchedReads(eventData.Context))
        {
            // The in-memory store completes synchronously.
            store.EvictByTagAsync(tag, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        // Table names, not CLR types: an owned type or a second entity mapped to a read's table counts too.
        var tables = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Metadata.GetTableName())
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        pending.AddOrUpdate(context, tables);
    }

    private IEnumerable<string> TouchedReads(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var tables))
        {
            return [];
        }
        pending.Remove(context);
        List<string> tags = tables.Count == 0
            ? []
            : [.. PublicReads.All.Where(read => read.Tables.Any(t => context.Model.FindEntityType(t)?.GetTableName() is { } name && tables.Contains(name))).Select(read => read.Tag)];
        if (tags.Contains(PublicReads.Catalog.Tag))
        {
            catalog.Invalidate();
        }
        return tags;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            pending.Remove(context);
        }
    }
}
