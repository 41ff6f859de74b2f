namespace Marketplace.Web.Data.Entities;

public enum ReportRunStatus
{
    Queued = 0,   // 排队中
    Running = 1,  // 生成中
    Done = 2,     // 已完成
    Failed = 3,   // 失败
}

/// <summary>
/// A report too large to render during a request (e.g. every district at once), produced by a job. The
/// row is the truth: progress for the page's bar, the file when done, the error when not.
/// </summary>
public sealed class ReportRun
{
    public Guid Id { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public int Year { get; set; }
    public long? DistrictId { get; set; }
    public required string RequestedBy { get; set; }
    public ReportRunStatus Status { get; set; }
    public int Progress { get; set; }
    public string? FileName { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
