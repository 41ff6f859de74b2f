namespace Marketplace.Web.Data.Entities;

/// <summary>A street office (街道办事处): the tenant that buys services.</summary>
public sealed class Street
{
    public long Id { get; set; }
    public long DistrictId { get; set; }
    public District? District { get; set; }
    public required string Name { get; set; }   // 东山街道
}
