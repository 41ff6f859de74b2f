using System.Collections.Concurrent;
using System.Globalization;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Infrastructure.Jobs;

/// <summary>
/// Timed work a grain asked for in the turn that is about to write its state. The grain's timers seam
/// (<c>ITenderTimers</c>, <c>IContractTimers</c>, …) stages the entry here, keyed by the grain's state type
/// and key; <see cref="GrainStorage.EfGrainStorage"/> takes it in its next write and stores the
/// <see cref="ScheduledWork"/> rows in the same transaction as the state, so a deadline exists exactly
/// when the state that set it does (docs/decisions/0011). Hangfire hears of it only after the commit.
/// </summary>
/// <remarks>
/// A grain runs one turn at a time and stages right before it commits, so an entry is never taken by
/// another command's write. A write that fails drops what it took: the state that asked for it was not stored.
/// </remarks>
public sealed class StagedDueWork
{
    private readonly ConcurrentDictionary<(Type State, string Key), List<PendingDueWork>> _pending = new();

    /// <summary>Stages work for the next write of the grain with state <typeparamref name="TState"/> and key <paramref name="grainKey"/>.</summary>
    public void Stage<TState>(Guid grainKey, string kind, string subjectId, DateTimeOffset dueAt) =>
        Stage(typeof(TState), KeyOf(grainKey), kind, subjectId, dueAt);

    public void Stage<TState>(long grainKey, string kind, string subjectId, DateTimeOffset dueAt) =>
        Stage(typeof(TState), grainKey.ToString(CultureInfo.InvariantCulture), kind, subjectId, dueAt);

    public void Stage<TState>(string grainKey, string kind, string subjectId, DateTimeOffset dueAt) =>
        Stage(typeof(TState), grainKey, kind, subjectId, dueAt);

    /// <summary>Removes and returns what the grain staged (empty for most writes).</summary>
    public IReadOnlyList<PendingDueWork> Take(Type stateType, GrainId grainId) =>
        _pending.TryRemove((stateType, KeyOf(grainId)), out var list) ? list : [];

    /// <summary>
    /// Adds the rows to <paramref name="db"/> (not saved): scheduling the same kind and subject again moves
    /// its due time and opens it again instead of adding a second entry (unique index on kind + subject).
    /// </summary>
    public static async Task<IReadOnlyList<ScheduledWork>> AddRowsAsync(AppDbContext db, IReadOnlyList<PendingDueWork> pending, CancellationToken ct)
    {
        if (pending.Count == 0)
        {
            return [];
        }
        var kinds = pending.Select(p => p.Kind).Distinct().ToList();
        var subjects = pending.Select(p => p.SubjectId).Distinct().ToList();
        var existing = await db.ScheduledWork.Where(w => kinds.Contains(w.Kind) && subjects.Contains(w.SubjectId)).ToListAsync(ct);
        var rows = new List<ScheduledWork>();
        foreach (var p in pending)
        {
            var row = existing.Concat(rows).FirstOrDefault(w => w.Kind == p.Kind && w.SubjectId == p.SubjectId);
            if (row is null)
            {
                row = new ScheduledWork { Kind = p.Kind, SubjectId = p.SubjectId, DueAt = p.DueAt };
                db.ScheduledWork.Add(row);
            }
            row.DueAt = p.DueAt;
            row.CompletedAt = null;
            if (!rows.Contains(row))
            {
                rows.Add(row);
            }
        }
        return rows;
    }

    private void Stage(Type stateType, string key, string kind, string subjectId, DateTimeOffset dueAt)
    {
        // timestamptz takes UTC only
        var entry = new PendingDueWork(kind, subjectId, dueAt.ToUniversalTime());
        var list = _pending.GetOrAdd((stateType, key), _ => []);
        lock (list)
        {
            list.Add(entry);
        }
    }

    private static string KeyOf(Guid key) => key.ToString("N");

    private static string KeyOf(GrainId grainId) =>
        grainId.TryGetGuidKey(out var guid, out var ext) && ext is null ? KeyOf(guid)
        : grainId.TryGetIntegerKey(out var number, out ext) && ext is null ? number.ToString(CultureInfo.InvariantCulture)
        : grainId.Key.ToString();
}

/// <summary>One staged entry: what to do, to what, and when.</summary>
public sealed record PendingDueWork(string Kind, string SubjectId, DateTimeOffset DueAt);
