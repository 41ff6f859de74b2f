namespace Marketplace.Organizations;

/// <summary>
/// The expiry of a 待确认 self-registration as timed work (subject: the USCC). Staged, not written: stored in the
/// same transaction as the grain's next state write, so call it right before that write (docs/decisions/0011).
/// </summary>
public interface IOrganizationTimers
{
    public const string RegistrationExpiryKind = "organization.registration-expiry";

    Task ScheduleRegistrationExpiryAsync(string uscc, DateTimeOffset dueAt);
}
