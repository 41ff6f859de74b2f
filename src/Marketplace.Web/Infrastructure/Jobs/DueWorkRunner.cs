using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Infrastructure.Jobs;

/// <summary>The Hangfire job: takes an id, not an entity, and does nothing if the work is done or not yet due.</summary>
public sealed class DueWorkRunner(
    IDbContextFactory<AppDbContext> dbFactory, IEnumerable<IDueWorkHandler> handlers, TimeProvider clock,
    DueWorkEvents events, ILogger<DueWorkRunner> log)
{
    public async Task RunAsync(long workId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var work = await db.ScheduledWork.SingleOrDefaultAsync(w => w.Id == workId, ct);
        if (work is null || work.CompletedAt is not null || work.DueAt > clock.GetUtcNow())
        {
            return; // done already, or moved later (a newer job will come for it)
        }
        var handler = handlers.FirstOrDefault(h => h.Kind == work.Kind)
            ?? throw new InvalidOperationException($"No handler for scheduled work kind '{work.Kind}'.");
        work.Attempts++;
        AuditActor.TimedWork.Enter(); // what the handler changes is recorded as done by timed work
        try
        {
            await handler.RunAsync(work.SubjectId, ct);
            work.CompletedAt = clock.GetUtcNow();
            work.LastError = null;
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Scheduled work {Kind}/{Subject} failed", work.Kind, work.SubjectId);
            work.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            await db.SaveChangesAsync(CancellationToken.None);
            throw; // Hangfire retries
        }
        await db.SaveChangesAsync(CancellationToken.None);
        events.RaiseCompleted(work.Id);
    }
}
