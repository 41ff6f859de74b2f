using System.Diagnostics.Metrics;

namespace Marketplace.Persistence;

/// <summary>
/// Group commit: items queued while a write is in flight go out together in the next write, so a burst of
/// N requests costs a handful of transactions (and fsyncs) instead of N. An item's task completes only
/// after the write that carried it committed — an acknowledged item is durable — and fails with that
/// write's exception otherwise. There is no waiting for a batch to fill: an item arriving when nothing is
/// in flight is written at once, so a quiet system answers as fast as one write per request.
/// </summary>
/// <remarks>
/// Not thread-safe on purpose: a grain calls it from its own turns only (one thread at a time), which is
/// what lets it keep plain lists. Hooks run on the caller's turn too.
/// </remarks>
public sealed class GroupCommitter<T>(
    Func<IReadOnlyList<T>, Task> write,
    Action<IReadOnlyList<T>> onCommitted,
    Action<IReadOnlyList<T>, Exception> onFailed)
{
    private static readonly Meter Meter = new("Marketplace.GroupCommit");
    private static readonly Histogram<int> BatchSizes = Meter.CreateHistogram<int>(
        "marketplace.group_commit.batch_size", "{item}", "Items carried by one durable write");

    private List<(T Item, TaskCompletionSource Done)> _queued = [];
    private List<(T Item, TaskCompletionSource Done)> _inFlight = [];
    private Task _running = Task.CompletedTask;

    /// <summary>Items accepted but not yet durable (queued or being written).</summary>
    public int Outstanding => _queued.Count + _inFlight.Count;

    /// <summary>Completes when <paramref name="item"/> is durable; fails when its write failed.</summary>
    public Task EnqueueAsync(T item)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queued.Add((item, done));
        if (_running.IsCompleted)
        {
            _running = RunAsync();
        }
        return done.Task;
    }

    /// <summary>
    /// Waits for what is outstanding now (not for what arrives later, so a steady stream cannot starve
    /// the caller). Failures are the submitters' to see; the caller only needs the write settled.
    /// </summary>
    public async Task SettleAsync()
    {
        var outstanding = _inFlight.Concat(_queued).Select(x => x.Done.Task).ToArray();
        if (outstanding.Length == 0)
        {
            return;
        }
        try
        {
            await Task.WhenAll(outstanding);
        }
        catch (Exception)
        {
            // settled: each submitter got its own failure
        }
    }

    private async Task RunAsync()
    {
        while (_queued.Count > 0)
        {
            (_inFlight, _queued) = (_queued, []);
            var items = _inFlight.Select(x => x.Item).ToList();
            try
            {
                // On the thread pool: SQLite's driver completes its "async" calls synchronously, and run
                // inline the write would hold the grain's thread, so no submission could be accepted (and
                // join the next batch) while it lasts. The continuation returns to the grain's scheduler.
                await Task.Run(() => write(items));
            }
            catch (Exception ex)
            {
                // Everything queued behind the failed batch was accepted against a view that included it
                // (revisions, idempotency keys): fail it too, and let the owner fall back to what committed.
                var failed = _inFlight.Concat(_queued).ToList();
                _inFlight = [];
                _queued = [];
                onFailed([.. failed.Select(x => x.Item)], ex);
                failed.ForEach(x => x.Done.TrySetException(ex));
                return;
            }
            var committed = _inFlight;
            _inFlight = [];
            BatchSizes.Record(committed.Count);
            onCommitted(items);
            committed.ForEach(x => x.Done.TrySetResult());
        }
    }
}
