using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Calendar;

[GenerateSerializer, Alias("marketplace.DistrictCalendarState")]
public sealed record DistrictCalendarState
{
    /// <summary>0 until the district admin sets it: <see cref="DistrictCalendarGrain.DefaultPublicityWorkingDays"/> applies.</summary>
    [Id(0)] public int PublicityWorkingDays { get; init; }

    [Id(1)] public ImmutableArray<CalendarDay> Amendments { get; init; } = [];

    [Id(2)] public int Version { get; init; }

    [Id(3)] public string? UpdatedBy { get; init; }

    [Id(4)] public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>0 until the district admin sets it: <see cref="Marketplace.Tendering.PanelRoster.DeclarationWorkingDays"/> applies.</summary>
    [Id(5)] public int DeclarationWorkingDays { get; init; }
}
