namespace Marketplace.Domain;

/// <summary>Kinds of organization that may undertake a purchased service (承接主体).</summary>
public enum ProviderType
{
    SocialGroup = 1,          // 社会团体
    SocialServiceAgency = 2,  // 社会服务机构（民办非企业单位）
    Foundation = 3,           // 基金会
    SocialWorkAgency = 4,     // 社工机构
    Enterprise = 5,           // 企业
}

public static class ProviderTypeNames
{
    public static string Chinese(this ProviderType type) => type switch
    {
        ProviderType.SocialGroup => "社会团体",
        ProviderType.SocialServiceAgency => "社会服务机构（民办非企业单位）",
        ProviderType.Foundation => "基金会",
        ProviderType.SocialWorkAgency => "社工机构",
        ProviderType.Enterprise => "企业",
        _ => type.ToString(),
    };

    public static IReadOnlyList<ProviderType> All { get; } = Enum.GetValues<ProviderType>();
}
