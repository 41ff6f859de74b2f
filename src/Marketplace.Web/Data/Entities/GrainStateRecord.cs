namespace Marketplace.Web.Data.Entities;

/// <summary>A grain's persisted state as a JSON document, with an ETag for optimistic concurrency.</summary>
public sealed class GrainStateRecord
{
    public required string StateName { get; set; }
    public required string GrainId { get; set; }
    public required string Document { get; set; }
    public required string ETag { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
