namespace Marketplace.Budgets;

/// <summary>
/// The funding channels of a street's purchase budget (江宁 "多元化资金投入": 财政资金、福利彩票公益金、
/// 街道社会组织专项发展基金, and money from society, 庄市's "以商养社").
/// </summary>
public enum FundingSource
{
    Fiscal = 1,          // 财政资金
    WelfareLottery = 2,  // 福利彩票公益金
    StreetNgoFund = 3,   // 街道社会组织专项发展基金
    SocialCapital = 4,   // 社会力量（企业、慈善捐赠，“以商养社”）
}

public static class FundingSources
{
    public static IReadOnlyList<FundingSource> All { get; } = Enum.GetValues<FundingSource>();

    public static string Chinese(this FundingSource source) => source switch
    {
        FundingSource.Fiscal => "财政资金",
        FundingSource.WelfareLottery => "福利彩票公益金",
        FundingSource.StreetNgoFund => "街道社会组织专项发展基金",
        FundingSource.SocialCapital => "社会力量",
        _ => source.ToString(),
    };
}
