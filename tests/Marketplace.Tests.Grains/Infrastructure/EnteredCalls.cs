using System.Collections.Concurrent;

namespace Marketplace.Tests.Grains.Infrastructure;

/// <summary>
/// Counts the calls that have entered a grain: a silo-wide filter that counts a call once the grain's method has
/// run up to its first wait. A test that must know a call reached the grain (not merely left the client) waits
/// on this instead of on the client's side.
/// </summary>
public sealed class EnteredCalls : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(GrainId Grain, string Method), int> _entered = new();

    public int Count(GrainId grain, string method) => _entered.GetValueOrDefault((grain, method));

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        // The silo's filters run before the grain's own and its method; Invoke returns at the method's first
        // wait that is not yet done (a score save: queued behind the write in flight).
        var call = context.Invoke();
        _entered.AddOrUpdate((context.TargetId, context.InterfaceMethod.Name), 1, (_, n) => n + 1);
        await call;
    }
}
