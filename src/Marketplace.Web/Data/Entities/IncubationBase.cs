namespace Marketplace.Web.Data.Entities;

/// <summary>
/// A social-organization incubation base (社会组织孵化基地): the district's centre or a street's
/// (江宁 "1+10+N", 温江 区―街道―社区―院落 four levels). Reference data kept by the district.
/// </summary>
public sealed class IncubationBase : IVersioned
{
    public long Id { get; set; }
    public long DistrictId { get; set; }
    /// <summary>Null for a district-level base.</summary>
    public long? StreetId { get; set; }
    public required string Name { get; set; }
    /// <summary>区级 / 街道级 / 社区级.</summary>
    public required string Level { get; set; }
    public required string Address { get; set; }
    public int Version { get; set; }
}
