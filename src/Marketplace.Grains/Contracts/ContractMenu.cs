using Marketplace.Domain;

namespace Marketplace.Contracts;

/// <summary>
/// One service a resident ordered from the street's service menu (菜单式服务) and the organization delivered: one unit of
/// <see cref="UnitCode"/>, counted in the 服务完成度 of <see cref="TrancheNo"/> and later tranches (issue 17 item 4).
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.MenuDelivery")]
public sealed record MenuDelivery(
    [property: Id(0)] Guid OrderId,
    [property: Id(1)] string UnitCode,
    [property: Id(2)] int TrancheNo,
    [property: Id(3)] string By,
    [property: Id(4)] DateTimeOffset At);

/// <summary>Which contracts residents can order from now: the one rule the menu page, the order and the delivery share.</summary>
public static class ContractMenu
{
    /// <summary>Signed and not yet at its final evaluation, closed or terminated, and today within its term.</summary>
    public static bool IsOrderable(this ContractState s, DateOnly today) =>
        s.Created && s.Status is ContractStatus.Signed or ContractStatus.InService or ContractStatus.MidTermEvaluated or ContractStatus.Rectifying
        && s.TermStart <= today && today <= s.TermEnd;

    /// <summary>The refusal of an order of <paramref name="unitCode"/> from this street's contract, or null when it may be ordered.</summary>
    public static FieldError? OrderRefusal(this ContractState? s, long streetId, string unitCode, DateOnly today) =>
        s is null || !s.Created || s.StreetId != streetId || s.Units.All(u => u.Code != unitCode)
            ? new FieldError("Service", "该服务不在本街道的服务菜单中")
            : !s.IsOrderable(today) ? new FieldError("Service", "该服务的合同已结束，暂不能点单") : null;

    /// <summary>A delivery counts in the first evaluated tranche not yet decided (the period it was delivered in), else the last.</summary>
    public static int TrancheForDelivery(this ContractState s) =>
        s.Tranches.FirstOrDefault(t => t.Gate != TrancheGate.Signing && s.EvaluationOf(t.No) is not { Decided: true })?.No ?? s.Tranches.Length;
}
