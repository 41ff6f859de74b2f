using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Tendering;

/// <summary>What a district admin enters for an expert.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ExpertDraft")]
public sealed record ExpertDraft(
    [property: Id(0)] string Name,
    [property: Id(1)] string Field,
    [property: Id(2)] string Employer,
    [property: Id(3)] string? EmployerUscc,
    [property: Id(4)] string? UserName,
    [property: Id(5)] long? OfficialOfStreetId,
    [property: Id(6)] ImmutableArray<string> TiedUsccs);

/// <summary>A district's expert pool (评审专家库). Key: the district id (integer).</summary>
[Alias("marketplace.IExpertPoolGrain")]
public interface IExpertPoolGrain : IGrainWithIntegerKey
{
    [Alias("GetExperts")] Task<ImmutableArray<Expert>> GetExpertsAsync();

    [Alias("Add")] Task<Outcome<Expert>> AddAsync(ExpertDraft draft);

    [Alias("SetActive")] Task<Outcome<Expert>> SetActiveAsync(Guid expertId, bool active);
}

[GenerateSerializer, Immutable, Alias("marketplace.ExpertPoolState")]
public sealed record ExpertPoolState
{
    [Id(0)] public ImmutableDictionary<Guid, Expert> Experts { get; init; } = ImmutableDictionary<Guid, Expert>.Empty;
}
