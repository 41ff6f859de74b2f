namespace Marketplace.Persistence;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes <paramref name="next"/> and only then makes it the grain's state: if the write fails the
    /// grain keeps the state it had, so memory never runs ahead of storage.
    /// </summary>
    public static async Task CommitAsync<TState>(this IPersistentState<TState> state, TState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            // No ConfigureAwait(false): the restore below must run on the grain's scheduler, or Orleans
            // refuses to touch the state ("activation access violation") and memory stays ahead of storage.
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
