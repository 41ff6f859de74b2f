using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Persistence;

namespace Marketplace.Grid;

public sealed class StreetGridGrain(
    [PersistentState("streetGrid", StorageNames.Marketplace)] IPersistentState<StreetGridState> state,
    TimeProvider clock) : Grain, IStreetGridGrain
{
    private StreetGridState S => state.State;

    public Task<StreetGridView> GetAsync() => Task.FromResult(new StreetGridView(S.Grids, S.Version));

    public async Task<Outcome<GridUnit>> SaveAsync(GridUnit grid, int expectedVersion, string user)
    {
        if (expectedVersion != S.Version)
        {
            return Outcome<GridUnit>.Fail("", "网格已被他人修改，请刷新页面后重试");
        }
        if (grid.No != 0 && S.Grids.All(g => g.No != grid.No))
        {
            return Outcome<GridUnit>.Fail("", "网格不存在");
        }
        var g = GridRules.Normalized(grid);
        var errors = GridRules.Validate(g, S.Grids);
        if (!errors.IsEmpty)
        {
            return Outcome<GridUnit>.Fail(errors);
        }
        var next = Upsert(S, g);
        await Commit(next, user);
        return Outcome<GridUnit>.Ok(next.Grids.Single(x => x.Name == g.Name));
    }

    public async Task<Outcome<int>> ImportAsync(ImmutableArray<GridUnit> rows, string user)
    {
        if (rows.IsDefaultOrEmpty)
        {
            return Outcome<int>.Fail("", "表格中没有网格");
        }
        var next = S;
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        for (var i = 0; i < rows.Length; i++)
        {
            var row = GridRules.Normalized(rows[i]);
            row = row with { No = next.Grids.FirstOrDefault(g => g.Name == row.Name)?.No ?? 0 };
            var rowErrors = GridRules.Validate(row, next.Grids, $"第{i + 2}行：");
            errors.AddRange(rowErrors.Select(e => e with { Field = "" })); // rows are no rendered field: messages go to the top
            if (rowErrors.IsEmpty)
            {
                next = Upsert(next, row);
            }
        }
        if (errors.Count > 0)
        {
            return Outcome<int>.Fail(errors.ToImmutable());
        }
        await Commit(next, user);
        return Outcome<int>.Ok(rows.Length);
    }

    private static StreetGridState Upsert(StreetGridState s, GridUnit g)
    {
        if (g.No == 0)
        {
            var no = s.LastNo + 1;
            return s with { Grids = s.Grids.Add(g with { No = no }), LastNo = no };
        }
        return s with { Grids = s.Grids.Replace(s.Grids.Single(x => x.No == g.No), g) };
    }

    private Task Commit(StreetGridState next, string user) =>
        state.CommitAsync(next with { Version = S.Version + 1, UpdatedBy = user, UpdatedAt = clock.GetUtcNow() });
}
