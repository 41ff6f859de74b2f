namespace Marketplace.Grid;

/// <summary>Who must act on a matter (事件分级处置, 庄市街道).</summary>
public enum MatterTier
{
    Community = 1,        // 村(社区): 当日答复, 3个工作日内办结
    StreetDepartment = 2, // 街道职能部门: 当日受理, 5个工作日内办结
    AboveStreet = 3,      // 街道以上: 1个工作日内上报
}

public static class MatterTiers
{
    public static string Chinese(this MatterTier tier) => tier switch
    {
        MatterTier.Community => "村(社区)",
        MatterTier.StreetDepartment => "街道职能部门",
        MatterTier.AboveStreet => "街道以上",
        _ => "未分级",
    };

    /// <summary>What the first deadline asks of the handler.</summary>
    public static string FirstStep(this MatterTier tier) => tier switch
    {
        MatterTier.Community => "答复",
        MatterTier.StreetDepartment => "受理",
        _ => "上报",
    };
}
