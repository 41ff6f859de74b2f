namespace Marketplace.Tendering;

/// <summary>
/// Timed work of a tender: closing at the deadline, ending 公示 and a drawn expert's declaration time.
/// Scheduling again moves the time. Staged, not written: the entry is stored in the same transaction as the
/// grain's next state write, so call it right before <c>state.CommitAsync</c> (docs/decisions/0011).
/// </summary>
public interface ITenderTimers
{
    public const string CloseKind = "tender.close";
    public const string PublicityEndKind = "tender.publicity-end";
    public const string DeclarationDueKind = "tender.panel-declaration";

    Task ScheduleAsync(string kind, Guid tenderId, DateTimeOffset dueAt);

    /// <summary>One entry per drawn member, so a replacement's own due time never moves another's.</summary>
    Task ScheduleDeclarationDueAsync(Guid tenderId, Guid expertId, DateTimeOffset dueAt);
}
