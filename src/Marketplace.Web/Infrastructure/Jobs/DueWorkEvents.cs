namespace Marketplace.Web.Infrastructure.Jobs;

/// <summary>
/// Tells listeners in this process that a piece of timed work has been carried out and recorded, and that a
/// sweep has looked at the work coming within the horizon (with how many items it handed to Hangfire).
/// </summary>
public sealed class DueWorkEvents
{
    public event Action<long>? Completed;

    public event Action<int>? Swept;

    internal void RaiseCompleted(long workId) => Completed?.Invoke(workId);

    internal void RaiseSwept(int handed) => Swept?.Invoke(handed);
}
