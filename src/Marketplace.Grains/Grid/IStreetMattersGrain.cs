using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Grid;

/// <summary>
/// The matters (事项) residents raise in one street's grids, from report to rating (docs/decisions/0018).
/// Key: street id. The only writer of the street's matters; deadlines come from the district's limits and
/// working-day calendar; overdue deadlines are flagged once through <see cref="IMatterTimers"/>.
/// </summary>
[Alias("marketplace.IStreetMattersGrain")]
public interface IStreetMattersGrain : IGrainWithIntegerKey
{
    [Alias("Get")] Task<StreetMattersView> GetAsync();

    /// <summary>A grid worker's visit log entry (the reporter must work in that grid) or a resident's own report.</summary>
    [Alias("Report")] Task<Outcome<Guid>> ReportAsync(MatterReport report, string reporterUser, string by);

    /// <summary>Sorts the matter into a tier and gives it to a handler; the deadlines start now (an earlier solving date may be set).</summary>
    [Alias("Assign")] Task<Outcome> AssignAsync(long districtId, Guid id, MatterTier tier, string handler, DateOnly? solveBy, string by);

    /// <summary>答复 / 受理 by the handler.</summary>
    [Alias("Accept")] Task<Outcome> AcceptAsync(Guid id, string by);

    [Alias("Handle")] Task<Outcome> HandleAsync(Guid id, string note, string by);

    [Alias("Close")] Task<Outcome> CloseAsync(Guid id, string result, string by);

    /// <summary>Sends the matter above the street (街道以上), which ends it for the street.</summary>
    [Alias("Escalate")] Task<Outcome> EscalateAsync(Guid id, string reason, string by);

    /// <summary>The resident who reported a closed matter rates it, once; the phone must be the one reported with.</summary>
    [Alias("Rate")] Task<Outcome> RateAsync(Guid id, string phone, Satisfaction rating);

    /// <summary>Timed work at a deadline: flags the stage overdue once if it was not done in time; early or repeated runs do nothing.</summary>
    [Alias("Overdue")] Task<Outcome> OverdueAsync(Guid id, string stage);
}

/// <summary>What a reporter sends in. Photo sizes are checked here; the files are stored by the page under <see cref="PhotoIds"/>.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.MatterReport")]
public sealed record MatterReport(
    [property: Id(0)] int GridNo,
    [property: Id(1)] MatterSource Source,
    [property: Id(2)] string Title,
    [property: Id(3)] string ServiceAreaCode,
    [property: Id(4)] string Place,
    [property: Id(5)] string Text,
    [property: Id(6)] ImmutableArray<string> PhotoIds,
    [property: Id(7)] ImmutableArray<long> PhotoSizes,
    [property: Id(8)] string ResidentName,
    [property: Id(9)] string ResidentPhone);

[GenerateSerializer, Immutable, Alias("marketplace.StreetMattersView")]
public sealed record StreetMattersView([property: Id(0)] ImmutableArray<Matter> Matters, [property: Id(1)] int Version)
{
    public Matter? Find(Guid id) => Matters.FirstOrDefault(m => m.Id == id);
}

/// <summary>Matter deadlines as timed work (the database row is the truth, docs/decisions/0001). Subject "{streetId}:{matterId}".</summary>
public interface IMatterTimers
{
    public const string FirstDueKind = "grid.matter-first-due";

    public const string SolveDueKind = "grid.matter-solve-due";

    Task ScheduleFirstDueAsync(long streetId, Guid matterId, DateTimeOffset dueAt);

    Task ScheduleSolveDueAsync(long streetId, Guid matterId, DateTimeOffset dueAt);
}
