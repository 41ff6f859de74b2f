namespace Marketplace.Web.Data.Entities;

/// <summary>A district (区): the unit that keeps the guiding catalogue, the directory and the expert pool.</summary>
public sealed class District
{
    public long Id { get; set; }
    public required string Name { get; set; }   // 江宁区
    public required string City { get; set; }   // 南京市
    public List<Street> Streets { get; set; } = [];
}
