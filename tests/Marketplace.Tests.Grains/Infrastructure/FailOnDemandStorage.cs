using Marketplace.Persistence;
using Marketplace.Tendering;
using Marketplace.Web.Features.Tendering;
using Marketplace.Web.Infrastructure.GrainStorage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Marketplace.Tests.Grains.Infrastructure;

/// <summary>Tells <see cref="FailOnDemandStorage"/> to fail the next write, or a seeded random share of all writes.</summary>
public sealed class FailingWrites
{
    private readonly Lock _lock = new();
    private int _pending;
    private Random? _random;
    private double _share;
    private int _failed;

    public void FailNextWrite() => Interlocked.Exchange(ref _pending, 1);

    private WriteHold? _hold;

    /// <summary>The next state write of <paramref name="grain"/> waits, once it has begun, until the hold is released.</summary>
    public WriteHold HoldNextWrite(GrainId grain) => _hold = new WriteHold(grain);

    /// <summary>
    /// A held write: <see cref="Started"/> when the write reached storage; <see cref="Release"/> lets it go on, and
    /// its result says whether it then fails.
    /// </summary>
    public sealed class WriteHold(GrainId grain)
    {
        public GrainId Grain => grain;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<bool> Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<GrainId, int> _writes = new();

    /// <summary>State writes of <paramref name="grain"/> begun so far (each passes here once).</summary>
    public int WritesOf(GrainId grain) => _writes.GetValueOrDefault(grain);

    /// <summary>Waits if this write is the held one; true if it is to fail when released.</summary>
    public async Task<bool> PassAsync(GrainId grain)
    {
        _writes.AddOrUpdate(grain, 1, (_, n) => n + 1);
        if (Volatile.Read(ref _hold) is not { } hold || hold.Grain != grain || Interlocked.CompareExchange(ref _hold, null, hold) != hold)
        {
            return false;
        }
        hold.Started.SetResult();
        return await hold.Release.Task;
    }

    /// <summary>From now on each write fails with probability <paramref name="share"/>, drawn from a seeded generator (a run can be repeated).</summary>
    public void FailShare(double share, int seed)
    {
        lock (_lock)
        {
            _share = share;
            _random = share > 0 ? new Random(seed) : null;
        }
    }

    /// <summary>Writes failed on purpose so far.</summary>
    public int Failed => Volatile.Read(ref _failed);

    public bool TakeFailure()
    {
        var fail = Interlocked.Exchange(ref _pending, 0) == 1;
        if (!fail)
        {
            lock (_lock)
            {
                fail = _random is not null && _random.NextDouble() < _share;
            }
        }
        if (fail)
        {
            Interlocked.Increment(ref _failed);
        }
        return fail;
    }
}

/// <summary>
/// The real grain storage, except that it throws (before touching the database) when told to: proves that
/// a failed write leaves a grain's memory as it was.
/// </summary>
public sealed class FailOnDemandStorage(IGrainStorage inner, FailingWrites failures) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (await failures.PassAsync(grainId) | failures.TakeFailure())
        {
            throw new IOException("Simulated storage failure (disk full).");
        }
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    /// <summary>Replaces the product's grain storage registration (last registration wins).</summary>
    public static void Register(IServiceCollection services, FailingWrites failures)
    {
        services.AddSingleton(failures);
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Marketplace, (sp, _) =>
            new FailOnDemandStorage(ActivatorUtilities.CreateInstance<EfGrainStorage>(sp), sp.GetRequiredService<FailingWrites>()));
        services.AddSingleton<ITenderSubmissionLog>(sp =>
            new FailOnDemandSubmissionLog(ActivatorUtilities.CreateInstance<TenderSubmissionLog>(sp), sp.GetRequiredService<FailingWrites>()));
    }
}

/// <summary>The real submission log, except that it throws (before touching the database) when told to.</summary>
public sealed class FailOnDemandSubmissionLog(ITenderSubmissionLog inner, FailingWrites failures) : ITenderSubmissionLog
{
    public Task<System.Collections.Immutable.ImmutableArray<SubmissionEntry>> ReadAsync(Guid tenderId) => inner.ReadAsync(tenderId);

    public Task AppendAsync(Guid tenderId, IReadOnlyList<SubmissionEntry> entries) =>
        failures.TakeFailure() ? throw new IOException("Simulated storage failure (disk full).") : inner.AppendAsync(tenderId, entries);
}
