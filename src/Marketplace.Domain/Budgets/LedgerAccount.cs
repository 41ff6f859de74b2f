namespace Marketplace.Budgets;

/// <summary>
/// The five accounts kept for each funding source of a street's year. Appropriation is the contra account
/// that money is allocated from, so every movement is a balanced pair:
/// allocate (Appropriation → Available), encumber a published notice (Available → Encumbered, 预算占用),
/// sign its contract (Encumbered → Committed), or commit directly (Available → Committed),
/// disburse (Committed → Disbursed), release (Encumbered or Committed → Available).
/// Balances: budget = −Appropriation = Available + Encumbered + Committed + Disbursed.
/// </summary>
public enum LedgerAccountKind
{
    Appropriation = 0, // 预算拨入（对方科目）
    Available = 1,     // 可用
    Committed = 2,     // 已承诺（已签合同未支付）
    Disbursed = 3,     // 已支付
    Encumbered = 4,    // 预算占用（公告已发布、合同未签）
}

public enum PostingKind
{
    Allocation = 0,   // 预算下达
    Commitment = 1,   // 合同承诺
    Disbursement = 2, // 拨付
    Release = 3,      // 释放回可用
    Reversal = 4,     // 冲正
    Encumbrance = 5,         // 预算占用（发布采购公告）
    EncumbranceResize = 6,   // 占用调整（确定成交价、公告变更）
    EncumbranceRelease = 7,  // 占用释放（取消、采购失败、撤回）
}

public static class LedgerNames
{
    public static string Chinese(this LedgerAccountKind kind) => kind switch
    {
        LedgerAccountKind.Appropriation => "预算拨入",
        LedgerAccountKind.Available => "可用",
        LedgerAccountKind.Committed => "已承诺",
        LedgerAccountKind.Disbursed => "已支付",
        LedgerAccountKind.Encumbered => "预算占用",
        _ => kind.ToString(),
    };

    public static string Chinese(this PostingKind kind) => kind switch
    {
        PostingKind.Allocation => "预算下达",
        PostingKind.Commitment => "合同承诺",
        PostingKind.Disbursement => "拨付",
        PostingKind.Release => "释放",
        PostingKind.Reversal => "冲正",
        PostingKind.Encumbrance => "预算占用",
        PostingKind.EncumbranceResize => "占用调整",
        PostingKind.EncumbranceRelease => "占用释放",
        _ => kind.ToString(),
    };
}
