using Hangfire;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Infrastructure.Jobs;

/// <summary>
/// Records timed work in the database (the truth) and hands it to Hangfire (the clock). Scheduling the
/// same kind and subject again moves its due time instead of adding a second entry. Grains do not call
/// this: their timed work is staged (<see cref="StagedDueWork"/>) and written with their state.
/// </summary>
public sealed class DueWork(IDbContextFactory<AppDbContext> dbFactory, IBackgroundJobClient jobs, TimeProvider clock)
{
    public async Task ScheduleAsync(string kind, string subjectId, DateTimeOffset dueAt, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
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

    /// <summary>Hands every unfinished entry to Hangfire again; run at start (Hangfire.InMemory forgets on restart).</summary>
    public async Task<int> RescheduleUnfinishedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.ScheduledWork.AsNoTracking().Where(w => w.CompletedAt == null).ToListAsync(ct);
        open.ForEach(Enqueue);
        return open.Count;
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
