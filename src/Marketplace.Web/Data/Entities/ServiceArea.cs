namespace Marketplace.Web.Data.Entities;

/// <summary>A field of public service (服务领域), e.g. 养老助残, 社会救助, 法律援助.</summary>
public sealed class ServiceArea
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
}
