namespace Marketplace.Tendering;

/// <summary>Timed work of a tender: closing at the deadline and ending 公示. Scheduling again moves the time.</summary>
public interface ITenderTimers
{
    public const string CloseKind = "tender.close";
    public const string PublicityEndKind = "tender.publicity-end";

    Task ScheduleAsync(string kind, Guid tenderId, DateTimeOffset dueAt);
}
