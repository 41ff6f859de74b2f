using Hangfire;
using Hangfire.Storage;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure.Jobs;

/// <summary>
/// Records timed work in the database (the truth) and hands it to Hangfire (the clock). Scheduling the
/// same kind and subject again moves its due time instead of adding a second entry. Grains do not call
/// this: their timed work is staged (<see cref="StagedDueWork"/>) and written with their state.
/// Only work due within the horizon is handed over; the sweep hands the rest later (<see cref="DueWorkOptions"/>).
/// </summary>
public sealed class DueWork(
    IDbContextFactory<AppDbContext> dbFactory, IBackgroundJobClient jobs, JobStorage storage, TimeProvider clock,
    IOptions<DueWorkOptions> options)
{
    private readonly TimeSpan _horizon = options.Value.Horizon;

    public async Task ScheduleAsync(string kind, string subjectId, DateTimeOffset dueAt, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // SQLite stores DateTimeOffset as local ticks with the offset: rows compare rightly only in one offset (UTC).
        dueAt = dueAt.ToUniversalTime();
        var row = await db.ScheduledWork.SingleOrDefaultAsync(w => w.Kind == kind && w.SubjectId == subjectId, ct);
        if (row is null)
        {
            row = new ScheduledWork { Kind = kind, SubjectId = subjectId, DueAt = dueAt };
            db.ScheduledWork.Add(row);
        }
        else
        {
            row.DueAt = dueAt;
            row.CompletedAt = null;
        }
        await db.SaveChangesAsync(ct);
        Enqueue(row);
    }

    /// <summary>
    /// Hands every unfinished entry due within the horizon that Hangfire does not already hold to Hangfire
    /// again; run at start (Hangfire.InMemory forgets on restart; a crash between a commit and its enqueue
    /// leaves a row without a job) and by every sweep (work comes within the horizon as time passes). Silos
    /// take turns under a lock in the shared storage, so each sees the jobs the one before it queued.
    /// Returns (handed over, already held).
    /// </summary>
    public async Task<(int Handed, int Held)> RescheduleUnfinishedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        using var connection = storage.GetConnection();
        using var turn = TakeTurn(connection);
        var horizonEnd = clock.GetUtcNow() + _horizon;
        var open = await db.ScheduledWork.AsNoTracking()
            .Where(w => w.CompletedAt == null && w.DueAt <= horizonEnd).ToListAsync(ct);
        var held = HeldDueWork.WorkIds(storage);
        var missing = open.Where(w => !held.ContainsKey(w.Id)).ToList();
        missing.ForEach(Enqueue);
        // A schedule Hangfire kept through the restart runs by Hangfire's clock; the product's clock is the truth of
        // when work is due (a deadline passed while the app was down is acted on at start, as on Hangfire.InMemory).
        // Only a job still scheduled is moved, so a second silo starting finds it enqueued and leaves it.
        foreach (var row in open.Where(w => w.DueAt <= clock.GetUtcNow() && held.GetValueOrDefault(w.Id) is not null))
        {
            jobs.ChangeState(held[row.Id]!, new Hangfire.States.EnqueuedState(), Hangfire.States.ScheduledState.StateName);
        }
        return (missing.Count, open.Count - missing.Count);
    }

    /// <summary>
    /// The re-hand lock, or none if a silo killed while holding it left it behind (it expires on its own):
    /// a start is never refused for it, and a second job for a row only finds the row done (DueWorkRunner).
    /// </summary>
    private static IDisposable? TakeTurn(IStorageConnection connection)
    {
        try
        {
            return connection.AcquireDistributedLock(HeldDueWork.RehandLock, TimeSpan.FromSeconds(30));
        }
        catch (DistributedLockTimeoutException)
        {
            return null;
        }
    }

    /// <summary>Hands rows already committed to Hangfire (called after the transaction that wrote them).</summary>
    public void Enqueue(IEnumerable<ScheduledWork> rows)
    {
        foreach (var row in rows)
        {
            Enqueue(row);
        }
    }

    private void Enqueue(ScheduledWork row)
    {
        var delay = row.DueAt - clock.GetUtcNow();
        if (delay > _horizon)
        {
            return; // a sweep hands it once it is within the horizon
        }
        if (delay <= TimeSpan.Zero)
        {
            jobs.Enqueue<DueWorkRunner>(r => r.RunAsync(row.Id, CancellationToken.None));
        }
        else
        {
            jobs.Schedule<DueWorkRunner>(r => r.RunAsync(row.Id, CancellationToken.None), delay);
        }
    }
}
