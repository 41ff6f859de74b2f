namespace Marketplace.Contracts;

public static class ContractNames
{
    public static string Chinese(this ContractStatus status) => status switch
    {
        ContractStatus.Drafted => "草拟",
        ContractStatus.Signed => "已签订",
        ContractStatus.InService => "服务中",
        ContractStatus.MidTermEvaluated => "已中期评估",
        ContractStatus.FinalEvaluated => "已末期评估",
        ContractStatus.Closed => "已结项",
        ContractStatus.Terminated => "已终止",
        ContractStatus.Rectifying => "整改中",
        _ => status.ToString(),
    };

    public static string Chinese(this TrancheStatus status) => status switch
    {
        TrancheStatus.Planned => "待支付",
        TrancheStatus.Paid => "已支付",
        TrancheStatus.Held => "暂缓支付",
        TrancheStatus.Released => "已收回",
        _ => status.ToString(),
    };

    /// <summary>The public JSON's words: planned / paid / held / released.</summary>
    public static string Code(this TrancheStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>合同编号 as documents print it ("HT" + the first 8 hex digits of the id); tranche n's payment reference is "{number}-{n}".</summary>
public static class ContractNumbers
{
    public static string Of(Guid contractId) => "HT" + contractId.ToString("N")[..8].ToUpperInvariant();

    public static string PaymentReference(Guid contractId, int trancheNo) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Of(contractId)}-{trancheNo}");
}
