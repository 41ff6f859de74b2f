using System.Threading.RateLimiting;
using Marketplace.Limits;
using Marketplace.Web.Infrastructure.Silo;
using Orleans;

namespace Marketplace.Web.Infrastructure.Security;

/// <summary>
/// Where abuse counters live: in this process for a single silo, in grains shared by the cluster when
/// silos find each other through Redis (otherwise N silos would allow N times each limit, ADR 0009).
/// </summary>
public sealed record SharedCounters(bool InCluster)
{
    public static SharedCounters From(IConfiguration configuration) =>
        new(configuration.GetSection("Silo").Get<SiloOptions>()?.Clustering == ClusteringMode.Redis);
}

/// <summary>
/// A fixed-window limiter whose count is the cluster's <see cref="IWindowCounterGrain"/> for its key. The
/// rate-limiting middleware first tries the synchronous path, which cannot ask a grain, so that path
/// always answers "not now" and the middleware then awaits <see cref="AcquireAsyncCore"/>. If the grain
/// cannot be reached the request is counted by this silo alone, so an outage of one silo never removes the limit.
/// </summary>
internal sealed class SharedWindowLimiter(IGrainFactory grains, string key, WindowLimit limit, ILogger logger) : RateLimiter
{
    private readonly FixedWindowRateLimiter _fallback = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = Math.Max(1, limit.Permits), Window = limit.Window, QueueLimit = 0,
    });
    private readonly long _created = Environment.TickCount64;

    // Holds no count of its own: the partition may be dropped whenever idle and made again.
    public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - _created);

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => new Lease(false, null);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0)
        {
            return new Lease(true, null);
        }
        try
        {
            var wait = await grains.GetGrain<IWindowCounterGrain>(key).TakeAsync(limit.Permits, limit.Window).WaitAsync(cancellationToken);
            return new Lease(wait is null, wait);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Shared limit counter {Key} unreachable; counting on this silo", key);
            return _fallback.AttemptAcquire(permitCount);
        }
    }

    protected override void Dispose(bool disposing)
    {
        _fallback.Dispose();
        base.Dispose(disposing);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name ? wait : null;
            return metadata is not null;
        }
    }
}
