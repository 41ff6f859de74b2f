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

    public static HashSet<long> WorkIds(JobStorage storage)
    {
        var monitor = storage.GetMonitoringApi();
        var held = new HashSet<long>();
        Collect(held, (from, count) => monitor.ScheduledJobs(from, count).Select(j => j.Value.Job));
        Collect(held, (from, count) => monitor.ProcessingJobs(from, count).Select(j => j.Value.Job));
        foreach (var queue in monitor.Queues())
        {
            Collect(held, (from, count) => monitor.EnqueuedJobs(queue.Name, from, count).Select(j => j.Value.Job));
            Collect(held, (from, count) => monitor.FetchedJobs(queue.Name, from, count).Select(j => j.Value.Job));
        }
        return held;
    }

    private static void Collect(HashSet<long> held, Func<int, int, IEnumerable<Hangfire.Common.Job?>> page)
    {
        for (var from = 0; ; from += Page)
        {
            var jobs = page(from, Page).ToList();
            foreach (var job in jobs)
            {
                if (job is { Type.Name: nameof(DueWorkRunner), Args: [long id, ..] })
                {
                    held.Add(id);
                }
            }
            if (jobs.Count < Page)
            {
                return;
            }
        }
    }
}
