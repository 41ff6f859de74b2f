namespace Marketplace.Web.Data.Entities;

/// <summary>
/// One entry of a district's guiding catalogue (政府购买服务指导性目录). Only services that fall under an
/// active entry may be bought (SPEC §3.1).
/// </summary>
public sealed class GuidingCatalogEntry : IVersioned
{
    public long Id { get; set; }
    public long DistrictId { get; set; }
    public required string Code { get; set; }           // e.g. B0101
    public required string Name { get; set; }
    public required string ServiceAreaCode { get; set; }
    public string Description { get; set; } = string.Empty;
    public bool Active { get; set; } = true;
    public int Version { get; set; }
}
