namespace Marketplace.Rounds;

/// <summary>
/// Timed work of a round (the database row is the truth, docs/decisions/0001): closing at the application
/// deadline, ending 立项公示 when its working days are over, and each funded project's signing deadline
/// (<see cref="SigningDueKind"/>, subject "{round}:{application}"). Scheduling again moves the time.
/// </summary>
public interface IRoundTimers
{
    public const string CloseKind = "round.close";

    public const string PublicityEndKind = "round.publicity-end";

    public const string SigningDueKind = "round.signing-due";

    Task ScheduleCloseAsync(Guid roundId, DateTimeOffset deadline);

    Task SchedulePublicityEndAsync(Guid roundId, DateTimeOffset endsAt);

    Task ScheduleSigningDueAsync(Guid roundId, Guid applicationId, DateTimeOffset dueAt);
}
