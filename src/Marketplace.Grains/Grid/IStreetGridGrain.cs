using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Grid;

/// <summary>A street's grids (网格). Key: street id. Edited by the street's officials, also from an .xlsx import.</summary>
[Alias("marketplace.IStreetGridGrain")]
public interface IStreetGridGrain : IGrainWithIntegerKey
{
    [Alias("Get")] Task<StreetGridView> GetAsync();

    /// <summary>Adds a grid (<see cref="GridUnit.No"/> = 0) or replaces the grid of that number.</summary>
    [Alias("Save")] Task<Outcome<GridUnit>> SaveAsync(GridUnit grid, int expectedVersion, string user);

    /// <summary>Adds the rows, or updates the grid of the same name; every row valid or nothing is saved.</summary>
    [Alias("Import")] Task<Outcome<int>> ImportAsync(ImmutableArray<GridUnit> rows, string user);
}

[GenerateSerializer, Immutable, Alias("marketplace.StreetGridView")]
public sealed record StreetGridView([property: Id(0)] ImmutableArray<GridUnit> Grids, [property: Id(1)] int Version)
{
    public GridUnit? Find(int no) => Grids.FirstOrDefault(g => g.No == no);
}
