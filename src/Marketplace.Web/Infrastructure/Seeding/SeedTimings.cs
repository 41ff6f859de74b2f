using System.Diagnostics;

namespace Marketplace.Web.Infrastructure.Seeding;

/// <summary>
/// Times each step of the first-run data load and logs them in one line, so a slow start-up on a fresh
/// database shows where its time went (issue 15: start-up ≤ 5 s fresh) without a profiler.
/// </summary>
internal sealed class SeedTimings(ILogger log)
{
    private readonly Stopwatch total = Stopwatch.StartNew();
    private readonly List<string> steps = [];

    public async Task StepAsync(string name, Func<Task> step)
    {
        var t0 = Stopwatch.GetTimestamp();
        await step();
        steps.Add($"{name} {Stopwatch.GetElapsedTime(t0).TotalMilliseconds:0} ms");
    }

    public void Done() => log.LogInformation("Demo data loaded from seed/ in {Total:0} ms, {Since:0} ms after process start: {Steps}",
        total.Elapsed.TotalMilliseconds, (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds, string.Join(", ", steps));
}
