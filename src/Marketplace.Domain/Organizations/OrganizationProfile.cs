using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Organizations;

/// <summary>What an organization declares about itself when it registers or edits its profile.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.OrganizationProfile")]
public sealed record OrganizationProfile
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required ProviderType Type { get; init; }
    /// <summary>登记管理机关, e.g. 南京市江宁区民政局.</summary>
    [Id(2)] public required string RegistrationAuthority { get; init; }
    [Id(3)] public required DateOnly RegisteredOn { get; init; }
    /// <summary>法定代表人.</summary>
    [Id(4)] public required string LegalRepresentative { get; init; }
    [Id(5)] public required string ContactPerson { get; init; }
    [Id(6)] public required string ContactPhone { get; init; }
    [Id(7)] public required string Address { get; init; }
    /// <summary>The district whose directory the organization applies to.</summary>
    [Id(8)] public required long DistrictId { get; init; }
    /// <summary>The street it is based in, if any (for street proximity in searches).</summary>
    [Id(9)] public long? StreetId { get; init; }
    [Id(10)] public required ImmutableArray<string> ServiceAreaCodes { get; init; }
    [Id(11)] public required int StaffCount { get; init; }
    /// <summary>持证社工 by certificate level.</summary>
    [Id(12)] public required SocialWorkerCounts SocialWorkers { get; init; }
    /// <summary>孵化来源: the incubation base it came from, if any.</summary>
    [Id(13)] public long? IncubationBaseId { get; init; }
    /// <summary>过往项目 (free text, one per line).</summary>
    [Id(14)] public string PastProjects { get; init; } = string.Empty;
}

/// <summary>Certified social workers (持证社工) by level of the national social-work certificate.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.SocialWorkerCounts")]
public sealed record SocialWorkerCounts(
    [property: Id(0)] int Assistant,   // 助理社会工作师
    [property: Id(1)] int Regular,     // 社会工作师
    [property: Id(2)] int Senior)      // 高级社会工作师
{
    public int Total => Assistant + Regular + Senior;
}
