namespace Marketplace.Web.Data.Entities;

/// <summary>
/// Timed work (a deadline, the end of a 公示 period) as the database knows it. Hangfire only carries it
/// out; at start every row not yet done is scheduled again, so a restart never loses due work.
/// </summary>
public sealed class ScheduledWork
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string SubjectId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
