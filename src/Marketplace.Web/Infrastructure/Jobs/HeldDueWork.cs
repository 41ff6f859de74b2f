using Hangfire;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;

namespace Marketplace.Web.Infrastructure.Jobs;

/// <summary>
/// The scheduled-work ids Hangfire already holds a job for (scheduled, enqueued, fetched or processing).
/// On PostgreSQL every silo shares one Hangfire storage that outlives a restart, so a silo that starts must
/// not hand those rows over again: three silos would queue three jobs per row (docs/decisions/0019).
/// After a restart on Hangfire.InMemory the set is empty and every open row is handed over, as before.
/// </summary>
public static class HeldDueWork
{
    private const int Page = 500;

    /// <summary>Serializes the start-up re-hand across silos; the lock lives in the shared storage.</summary>
    public const string RehandLock = "marketplace:due-work:rehand";

    /// <summary>
    /// Each held work id with the Hangfire job id that holds it while that job is still only scheduled
    /// (null once it is enqueued, fetched or processing).
    /// </summary>
    public static Dictionary<long, string?> WorkIds(JobStorage storage)
    {
        var monitor = storage.GetMonitoringApi();
        var held = new Dictionary<long, string?>();
        Collect(held, (from, count) => monitor.ProcessingJobs(from, count).Select(j => (j.Key, (Hangfire.Common.Job?)j.Value.Job)), scheduled: false);
        foreach (var queue in monitor.Queues())
        {
            Collect(held, (from, count) => monitor.EnqueuedJobs(queue.Name, from, count).Select(j => (j.Key, (Hangfire.Common.Job?)j.Value.Job)), scheduled: false);
            Collect(held, (from, count) => monitor.FetchedJobs(queue.Name, from, count).Select(j => (j.Key, (Hangfire.Common.Job?)j.Value.Job)), scheduled: false);
        }
        Collect(held, (from, count) => monitor.ScheduledJobs(from, count).Select(j => (j.Key, (Hangfire.Common.Job?)j.Value.Job)), scheduled: true);
        return held;
    }

    private static void Collect(Dictionary<long, string?> held, Func<int, int, IEnumerable<(string JobId, Hangfire.Common.Job? Job)>> page, bool scheduled)
    {
        for (var from = 0; ; from += Page)
        {
            var jobs = page(from, Page).ToList();
            foreach (var (jobId, job) in jobs)
            {
                if (job is { Type.Name: nameof(DueWorkRunner), Args: [long id, ..] })
                {
                    // A row also queued already needs nothing more: only a row held by a schedule alone keeps its job id.
                    if (!held.TryAdd(id, scheduled ? jobId : null) && !scheduled)
                    {
                        held[id] = null;
                    }
                }
            }
            if (jobs.Count < Page)
            {
                return;
            }
        }
    }
}
