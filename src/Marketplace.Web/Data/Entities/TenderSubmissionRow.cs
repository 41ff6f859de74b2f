namespace Marketplace.Web.Data.Entities;

/// <summary>
/// One entry of a tender's sealed submission log (ADR 0007). Written and read only by the tender grain
/// (through TenderSubmissionLog): no page, report or export queries this table.
/// </summary>
public sealed class TenderSubmissionRow
{
    public Guid TenderId { get; set; }
    public long Sequence { get; set; }
    public required string Uscc { get; set; }
    public int Revision { get; set; }
    public bool Withdrawn { get; set; }
    public string? IdempotencyKey { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>The application as JSON (proposal, team, documents).</summary>
    public required string Document { get; set; }
}
