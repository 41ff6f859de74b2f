using System.Diagnostics.Metrics;

namespace Marketplace.Bench.Submissions;

/// <summary>Listens to the product's group-commit histograms, to show how the writes were shared.</summary>
internal sealed class BatchSizes : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, (long Count, long Sum)> _seen = [];

    public BatchSizes()
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name is "marketplace.group_commit.batch_size" or "marketplace.submission_log.transaction_entries")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            lock (_seen)
            {
                var (count, sum) = _seen.GetValueOrDefault(instrument.Name);
                _seen[instrument.Name] = (count + 1, sum + value);
            }
        });
        _listener.Start();
    }

    /// <summary>"writes, mean size" per histogram since the last call.</summary>
    public string TakeSummary()
    {
        lock (_seen)
        {
            var text = string.Join("; ", _seen.Select(kv => $"{kv.Key.Split('.')[1]}: {kv.Value.Count} writes, mean {(double)kv.Value.Sum / kv.Value.Count:0.0}"));
            _seen.Clear();
            return text;
        }
    }

    public void Dispose() => _listener.Dispose();
}
