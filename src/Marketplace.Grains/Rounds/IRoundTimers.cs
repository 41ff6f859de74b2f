namespace Marketplace.Rounds;

/// <summary>
/// Timed work of a round (the database row is the truth, docs/decisions/0001): closing at the application
/// deadline and ending 立项公示 when its working days are over. Scheduling again moves the time.
/// </summary>
public interface IRoundTimers
{
    public const string CloseKind = "round.close";

    public const string PublicityEndKind = "round.publicity-end";

    Task ScheduleCloseAsync(Guid roundId, DateTimeOffset deadline);

    Task SchedulePublicityEndAsync(Guid roundId, DateTimeOffset endsAt);
}
