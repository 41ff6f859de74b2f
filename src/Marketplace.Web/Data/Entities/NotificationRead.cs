namespace Marketplace.Web.Data.Entities;

/// <summary>
/// One user account has read one notification. Kept apart from <see cref="NotificationRow"/> because a
/// notification to a group ("street:{id}", "org:{uscc}", "district-ngos:{id}") is read by each member on
/// its own; no row here means unread.
/// </summary>
public sealed class NotificationRead
{
    public Guid NotificationId { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}
