using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;

namespace Marketplace.Tests.Integration.Hosting;

/// <summary>
/// Writers posting apply forms round-robin through the live silos of <see cref="AppCluster"/>. A post that
/// fails (the process died under it, or a survivor could not reach a grain yet) is resent to the next live
/// silo with the same submit key, which the tender grain answers with the first receipt (ADR 0007).
/// </summary>
internal sealed class ThreeSiloBurst(AppCluster cluster, IReadOnlyList<AppSession[]> sessions, Guid tender)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentDictionary<string, int> _acknowledged = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private readonly int[] _bySilo = new int[cluster.Silos.Count];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _firstResentAckTicks = -1;
    private volatile bool _stop;
    private int _sent, _retried, _gaveUp;

    public int Sent => Volatile.Read(ref _sent);
    public int Retried => Volatile.Read(ref _retried);
    public int GaveUp => Volatile.Read(ref _gaveUp);
    public int AcknowledgedCount => _acknowledged.Count;
    public ICollection<string> AcknowledgedKeys => _acknowledged.Keys;
    public TimeSpan Elapsed => _clock.Elapsed;
    public TimeSpan FirstResentAck => Interlocked.Read(ref _firstResentAckTicks) is var t and >= 0 ? TimeSpan.FromTicks(t) : TimeSpan.Zero;
    public string? LastRefusal { get; private set; }

    public int[] BySilo()
    {
        lock (_bySilo) return [.. _bySilo];
    }

    /// <summary>Completes once <paramref name="count"/> submissions are acknowledged.</summary>
    public Task Acknowledged(int count)
    {
        lock (_waiters)
        {
            if (_acknowledged.Count >= count)
            {
                return Task.CompletedTask;
            }
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task;
        }
    }

    public void Stop() => _stop = true;

    public async Task WriteAsync(int organization)
    {
        while (!_stop)
        {
            var fields = TenderForms.ApplyFields("280000", "上门助老服务方案");
            Interlocked.Increment(ref _sent);
            await SubmitAsync(organization, fields, fields.Single(f => f.Key == "SubmitKey").Value);
        }
    }

    private async Task SubmitAsync(int organization, List<KeyValuePair<string, string>> fields, string key)
    {
        var giveUpAt = _clock.Elapsed + GiveUpAfter;
        for (var attempt = 0; ; attempt++)
        {
            var silo = cluster.NextLive();
            if (await TryPostAsync(sessions[organization][silo], fields))
            {
                Acknowledge(key, silo, resent: attempt > 0);
                return;
            }
            if (attempt == 0)
            {
                Interlocked.Increment(ref _retried);
            }
            if (_clock.Elapsed > giveUpAt)
            {
                Interlocked.Increment(ref _gaveUp);
                return;
            }
            await Task.Delay(Backoff); // a client's back-off before resending the same key, not a wait for a state
        }
    }

    private async Task<bool> TryPostAsync(AppSession session, List<KeyValuePair<string, string>> fields)
    {
        try
        {
            var response = await session.PostFormAsync($"/Ngo/Tenders/Apply/{tender}", fields, $"/Ngo/Tenders/Apply/{tender}?handler=Submit");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                return true;
            }
            LastRefusal = $"{(int)response.StatusCode}";
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            return false; // the process is gone, or answered the form page with an error
        }
    }

    private void Acknowledge(string key, int silo, bool resent)
    {
        if (resent)
        {
            Interlocked.CompareExchange(ref _firstResentAckTicks, _clock.Elapsed.Ticks, -1);
        }
        lock (_bySilo) _bySilo[silo]++;
        _acknowledged[key] = silo;
        lock (_waiters)
        {
            foreach (var w in _waiters.Where(w => _acknowledged.Count >= w.Count).ToList())
            {
                w.Done.TrySetResult();
                _waiters.Remove(w);
            }
        }
    }
}
