namespace Marketplace.Web.Infrastructure.Jobs;

/// <summary>
/// Carries out one kind of timed work (e.g. closing a tender at its deadline). Must be safe to run
/// twice for the same subject: a restart or a retry may run it again.
/// </summary>
public interface IDueWorkHandler
{
    string Kind { get; }

    Task RunAsync(string subjectId, CancellationToken ct);
}
