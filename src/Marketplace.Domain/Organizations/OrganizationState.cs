using System.Collections.Immutable;

namespace Marketplace.Organizations;

/// <summary>Persisted state of one organization. Replaced whole on every change.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.OrganizationState")]
public sealed record OrganizationState
{
    [Id(0)] public string Uscc { get; init; } = string.Empty;
    /// <summary>Null until registered (and again after an import was rolled back).</summary>
    [Id(1)] public OrganizationProfile? Profile { get; init; }
    [Id(2)] public DirectoryStatus Status { get; init; } = DirectoryStatus.Applying;
    [Id(3)] public ImmutableList<StatusChange> History { get; init; } = [];
    [Id(4)] public ImmutableList<NegativeEntry> NegativeEntries { get; init; } = [];
    [Id(5)] public ImmutableList<IncubationRecord> Incubation { get; init; } = [];
    [Id(6)] public ImmutableList<OrganizationDocument> Documents { get; init; } = [];
    [Id(7)] public int Version { get; init; }
    [Id(8)] public DateTimeOffset RegisteredAt { get; init; }
    [Id(9)] public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Set when the organization was created by a directory import, so that import can be undone.</summary>
    [Id(10)] public Guid? ImportId { get; init; }
    /// <summary>Set while a self-registration is 待确认: the account, the mobile, the code's hash and when it all expires.</summary>
    [Id(11)] public PendingConfirmation? Confirmation { get; init; }

    public bool IsRegistered => Profile is not null;

    public bool IsIncubated => Profile?.IncubationBaseId is not null || !Incubation.IsEmpty;
}
