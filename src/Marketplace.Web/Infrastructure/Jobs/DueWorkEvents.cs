namespace Marketplace.Web.Infrastructure.Jobs;

/// <summary>Tells listeners in this process that a piece of timed work has been carried out and recorded.</summary>
public sealed class DueWorkEvents
{
    public event Action<long>? Completed;

    internal void RaiseCompleted(long workId) => Completed?.Invoke(workId);
}
