namespace Marketplace.Organizations;

/// <summary>Where an organization stands in the district directory (有承接能力的社会组织目录).</summary>
public enum DirectoryStatus
{
    Applying = 1,   // 申请中
    Admitted = 2,   // 已入库
    Returned = 3,   // 退回
    Suspended = 4,  // 暂停
    Removed = 5,    // 移出
    /// <summary>Self-registered, the contact mobile not yet proven by its code: outside the review queue and every directory view; removed when it expires.</summary>
    Unconfirmed = 6, // 待确认
}

public static class DirectoryStatusNames
{
    public static string Chinese(this DirectoryStatus status) => status switch
    {
        DirectoryStatus.Applying => "申请中",
        DirectoryStatus.Admitted => "已入库",
        DirectoryStatus.Returned => "退回",
        DirectoryStatus.Suspended => "暂停",
        DirectoryStatus.Removed => "移出",
        DirectoryStatus.Unconfirmed => "待确认",
        _ => status.ToString(),
    };
}

/// <summary>One status change, kept forever: who changed it, when and why.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.StatusChange")]
public sealed record StatusChange(
    [property: Id(0)] DirectoryStatus? From,
    [property: Id(1)] DirectoryStatus To,
    [property: Id(2)] string Reason,
    [property: Id(3)] string By,
    [property: Id(4)] DateTimeOffset At);
