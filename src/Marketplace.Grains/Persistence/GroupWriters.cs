using System.Collections.Immutable;

namespace Marketplace.Persistence;

/// <summary>
/// The callers one group-committed state write carries. Each caller's request context (who, from where, which
/// method) is captured on its own turn; the write runs on one caller's turn, so without this the storage would
/// record the whole batch as that one caller's change. The audit trail records one entry per caller instead
/// (issue 16 item 5: who changed what, in the transaction that changed it).
/// </summary>
public static class GroupWriters
{
    private const string Key = "marketplace.group-writers";

    /// <summary>The current call's request context, taken on its own turn before it queues for the write.</summary>
    public static ImmutableDictionary<string, object?> Capture() =>
        RequestContext.Keys.Where(k => k != Key).ToImmutableDictionary(k => k, RequestContext.Get);

    /// <summary>Runs <paramref name="write"/> with <paramref name="callers"/> as the writers the storage sees.</summary>
    public static async Task WriteAsync(ImmutableArray<ImmutableDictionary<string, object?>> callers, Func<Task> write)
    {
        // Set in this method's own async flow: the caller whose turn runs the write keeps its context unchanged.
        RequestContext.Set(Key, callers);
        try
        {
            await write();
        }
        finally
        {
            RequestContext.Remove(Key);
        }
    }

    /// <summary>The callers of the group write under way; empty when the write is the current caller's own.</summary>
    public static ImmutableArray<ImmutableDictionary<string, object?>> Current =>
        RequestContext.Get(Key) is ImmutableArray<ImmutableDictionary<string, object?>> callers ? callers : [];
}
