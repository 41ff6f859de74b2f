namespace Marketplace.Budgets;

/// <summary>
/// The four accounts kept for each funding source of a street's year. Appropriation is the contra account
/// that money is allocated from, so every movement is a balanced pair:
/// allocate (Appropriation → Available), commit (Available → Committed), disburse (Committed → Disbursed),
/// release (Committed → Available). Balances: budget = −Appropriation = Available + Committed + Disbursed.
/// </summary>
public enum LedgerAccountKind
{
    Appropriation = 0, // 预算拨入（对方科目）
    Available = 1,     // 可用
    Committed = 2,     // 已承诺（已签合同未支付）
    Disbursed = 3,     // 已支付
}

public enum PostingKind
{
    Allocation = 0,   // 预算下达
    Commitment = 1,   // 合同承诺
    Disbursement = 2, // 拨付
    Release = 3,      // 释放回可用
    Reversal = 4,     // 冲正
}

public static class LedgerNames
{
    public static string Chinese(this LedgerAccountKind kind) => kind switch
    {
        LedgerAccountKind.Appropriation => "预算拨入",
        LedgerAccountKind.Available => "可用",
        LedgerAccountKind.Committed => "已承诺",
        LedgerAccountKind.Disbursed => "已支付",
        _ => kind.ToString(),
    };

    public static string Chinese(this PostingKind kind) => kind switch
    {
        PostingKind.Allocation => "预算下达",
        PostingKind.Commitment => "合同承诺",
        PostingKind.Disbursement => "拨付",
        PostingKind.Release => "释放",
        PostingKind.Reversal => "冲正",
        _ => kind.ToString(),
    };
}
