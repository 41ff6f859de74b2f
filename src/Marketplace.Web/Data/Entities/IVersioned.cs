namespace Marketplace.Web.Data.Entities;

/// <summary>
/// Reference data a page writes without a grain: <see cref="Version"/> is its optimistic concurrency token
/// (docs/ARCHITECTURE.md, "Writes that do not go through a grain").
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
