namespace Marketplace.Organizations;

/// <summary>
/// A stay in an incubation base (社会组织孵化基地, "集中孵化+网格培育"): where, when, who mentored it and
/// whether it graduated (出壳).
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.IncubationRecord")]
public sealed record IncubationRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] long BaseId,
    [property: Id(2)] string BaseName,
    [property: Id(3)] DateOnly StartsOn,
    [property: Id(4)] DateOnly? EndsOn,
    /// <summary>扶持/导师机构.</summary>
    [property: Id(5)] string Mentor,
    [property: Id(6)] DateOnly? GraduatedOn,
    [property: Id(7)] string RecordedBy);
