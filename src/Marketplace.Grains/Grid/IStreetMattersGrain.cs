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

    /// <summary>
    /// A resident's order from the service menu (菜单式服务): a matter of the community tier routed straight to the
    /// contract's organization. Refused when the contract is not this street's, has no such unit or is no longer orderable.
    /// </summary>
    [Alias("Order")] Task<Outcome<Guid>> OrderAsync(MenuOrder order);

    /// <summary>The menu orders routed to one organization (only its own: another organization never sees them).</summary>
    [Alias("OrdersOf")] Task<ImmutableArray<Matter>> OrdersOfAsync(string uscc);

    /// <summary>The organization's step on its own order: 受理, 服务完成 (counted in the contract's 服务完成度) or 办结.</summary>
    [Alias("ActAsOrganization")] Task<Outcome> ActAsOrganizationAsync(string uscc, Guid id, OrderStep step, string text, string by);

    /// <summary>The street's needs list under its threshold (<see cref="NeedsList.Find"/>).</summary>
    [Alias("GetNeeds")] Task<StreetNeedsView> GetNeedsAsync();

    /// <summary>确认 or 不予采纳 (with a reason) a need now on the list; each need is reviewed once.</summary>
    [Alias("ReviewNeed")] Task<Outcome> ReviewNeedAsync(string community, string serviceAreaCode, NeedDecision decision, string reason, string by);

    [Alias("SetNeedThreshold")] Task<Outcome> SetNeedThresholdAsync(NeedThreshold threshold, string by);

    /// <summary>
    /// Links a confirmed need to the street's transfer item, tender or own 公益创投 round that answers it (本项目回应的群众需求);
    /// a purchase of another street is refused as not found.
    /// </summary>
    [Alias("LinkNeed")] Task<Outcome> LinkNeedAsync(string community, string serviceAreaCode, NeedLink link, string by);

    /// <summary>The confirmed needs a purchase answers, for its public page: 村(社区), service area and count only.</summary>
    [Alias("NeedsAnsweredBy")] Task<ImmutableArray<NeedReview>> NeedsAnsweredByAsync(NeedLink link);

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

/// <summary>A resident's order of one unit of a contract's service for the grid where it is to be delivered.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.MenuOrder")]
public sealed record MenuOrder(
    [property: Id(0)] int GridNo,
    [property: Id(1)] Guid ContractId,
    [property: Id(2)] string UnitCode,
    [property: Id(3)] string Place,
    [property: Id(4)] string Text,
    [property: Id(5)] string ResidentName,
    [property: Id(6)] string ResidentPhone);

public enum OrderStep
{
    Accept = 1,  // 受理
    Deliver = 2, // 服务完成
    Close = 3,   // 办结
}

[GenerateSerializer, Immutable, Alias("marketplace.StreetNeedsView")]
public sealed record StreetNeedsView([property: Id(0)] NeedThreshold Threshold, [property: Id(1)] ImmutableArray<Need> Needs);

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
