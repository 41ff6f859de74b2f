using System.Collections.Immutable;

namespace Marketplace.Grid;

/// <summary>Where a matter stands (事项状态).</summary>
public enum MatterStatus
{
    Reported = 1,  // 已上报: waiting for the street to sort and assign it
    Assigned = 2,  // 已交办
    Accepted = 3,  // 已受理 / 已答复
    Handled = 4,   // 已处置: the handler reports what was done
    Closed = 5,    // 已办结: closed with a result
    Escalated = 6, // 已上报上级: sent above the street
}

/// <summary>How the matter came in.</summary>
public enum MatterSource
{
    GridVisit = 1, // 网格走访
    Resident = 2,  // 居民自报
    MenuOrder = 3, // 菜单点单: a resident's order of a contracted service, routed to the contracted organization
}

/// <summary>The resident's rating of a closed matter (群众满意度).</summary>
public enum Satisfaction
{
    VerySatisfied = 1, // 非常满意
    Satisfied = 2,     // 满意
    Basic = 3,         // 基本满意
    Dissatisfied = 4,  // 不满意
}

/// <summary>One step of a matter: what happened, by whom, when (every step who/when).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.MatterStep")]
public sealed record MatterStep([property: Id(0)] string What, [property: Id(1)] string By, [property: Id(2)] DateTimeOffset At);

/// <summary>
/// A resident's need or problem (事项) reported through a grid. The reporter's name and phone are kept for the
/// handler's call back and never leave the street's pages (issue 17: no resident's name, phone or address public);
/// <see cref="Place"/> is the address and is as private.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.Matter")]
public sealed record Matter
{
    [Id(0)] public Guid Id { get; init; }
    [Id(1)] public int GridNo { get; init; }
    [Id(2)] public MatterSource Source { get; init; }
    [Id(3)] public string ServiceAreaCode { get; init; } = "";
    [Id(4)] public string Place { get; init; } = "";
    [Id(5)] public string Text { get; init; } = "";
    [Id(6)] public ImmutableArray<string> PhotoIds { get; init; } = [];
    [Id(7)] public string ResidentName { get; init; } = "";
    [Id(8)] public string ResidentPhone { get; init; } = "";
    [Id(9)] public MatterStatus Status { get; init; }
    [Id(10)] public MatterTier? Tier { get; init; }
    [Id(11)] public string Handler { get; init; } = "";
    [Id(12)] public MatterDue? Due { get; init; }
    [Id(13)] public DateTimeOffset ReportedAt { get; init; }
    [Id(14)] public DateTimeOffset? FirstStepAt { get; init; }
    [Id(15)] public DateTimeOffset? ClosedAt { get; init; }
    [Id(16)] public string Result { get; init; } = "";
    /// <summary>Deadlines missed (答复/受理/上报 and 办结), each flagged once and counted against <see cref="Handler"/>.</summary>
    [Id(17)] public ImmutableArray<string> OverdueStages { get; init; } = [];
    [Id(18)] public Satisfaction? Rating { get; init; }
    [Id(19)] public DateTimeOffset? RatedAt { get; init; }
    [Id(20)] public ImmutableArray<MatterStep> Steps { get; init; } = [];
    [Id(21)] public string Title { get; init; } = "";
    /// <summary>A menu order's contract, service unit and the organization it is routed to (承接机构); empty otherwise.</summary>
    [Id(22)] public Guid? ContractId { get; init; }
    [Id(23)] public string UnitCode { get; init; } = "";
    [Id(24)] public string OrganizationUscc { get; init; } = "";
    /// <summary>When the organization recorded the service as delivered (it then counts in the contract's 服务完成度).</summary>
    [Id(25)] public DateTimeOffset? DeliveredAt { get; init; }

    public bool IsOpen => Status is not (MatterStatus.Closed or MatterStatus.Escalated);

    /// <summary>Closed (or sent up) before its deadline: the solving deadline, or for 街道以上 the 上报 deadline.</summary>
    public bool OnTime => ClosedAt is { } at && Due is { } due && at <= (due.SolveBy ?? due.FirstBy);
}

public static class MatterNames
{
    public static string Chinese(this MatterStatus s) => s switch
    {
        MatterStatus.Reported => "待分派",
        MatterStatus.Assigned => "已交办",
        MatterStatus.Accepted => "已受理",
        MatterStatus.Handled => "已处置",
        MatterStatus.Closed => "已办结",
        MatterStatus.Escalated => "已上报上级",
        _ => "",
    };

    public static string Chinese(this Satisfaction s) => s switch
    {
        Satisfaction.VerySatisfied => "非常满意",
        Satisfaction.Satisfied => "满意",
        Satisfaction.Basic => "基本满意",
        Satisfaction.Dissatisfied => "不满意",
        _ => "",
    };

    public static string Chinese(this MatterSource s) => s switch
    {
        MatterSource.Resident => "居民自报",
        MatterSource.MenuOrder => "菜单点单",
        _ => "网格走访",
    };

    /// <summary>The stage names of the timed work: the first step and solving.</summary>
    public const string FirstStage = "first";

    public const string SolveStage = "solve";
}
