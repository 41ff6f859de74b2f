using System.Diagnostics;

namespace Marketplace.Bench.Submissions;

/// <summary>One measured case: acknowledged operations per second and latency under a fixed number of callers.</summary>
internal sealed record LoadResult(string Case, long Operations, double Seconds, double P50Ms, double P99Ms, long Failures)
{
    public double PerSecond => Operations / Seconds;
}

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> callers each wait for an acknowledgement before they
/// send the next request, for a warm-up and then a measured period. Only acknowledged successes count.
/// </summary>
internal static class LoadRun
{
    /// <param name="pause">
    /// Each caller's pause after an answer before its next request (a person's time between two saves); not part
    /// of the measured latency. Zero is the closed loop: the next request the moment the answer arrives.
    /// </param>
    public static async Task<LoadResult> RunAsync(string name, int concurrency, TimeSpan warmUp, TimeSpan measure, Func<int, long, Task<bool>> operation,
        TimeSpan pause = default)
    {
        var measuring = false;
        var stop = false;
        var started = 0L;
        var counts = new long[concurrency];
        var failures = new long[concurrency];
        var latencies = Enumerable.Range(0, concurrency).Select(_ => new List<double>()).ToArray();
        var sequence = 0L;

        async Task Caller(int worker)
        {
            await Task.Yield();
            while (!Volatile.Read(ref stop))
            {
                var n = Interlocked.Increment(ref sequence);
                var t0 = Stopwatch.GetTimestamp();
                var ok = await operation(worker, n);
                if (!Volatile.Read(ref measuring))
                {
                    continue;
                }
                if (ok)
                {
                    counts[worker]++;
                    latencies[worker].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                else
                {
                    failures[worker]++;
                }
                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause);
                }
            }
        }

        var callers = Enumerable.Range(0, concurrency).Select(Caller).ToArray();
        await Task.Delay(warmUp);
        Array.Clear(counts);
        Volatile.Write(ref measuring, true);
        started = Stopwatch.GetTimestamp();
        await Task.Delay(measure);
        Volatile.Write(ref measuring, false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var total = counts.Sum();
        Volatile.Write(ref stop, true);
        await Task.WhenAll(callers);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
        return new LoadResult(name, total, seconds, Percentile(0.50), Percentile(0.99), failures.Sum());
    }
}
