using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Grid;

/// <summary>The fields of a grid, checked on every edit and on import (all rows or none).</summary>
public static class GridRules
{
    /// <summary>A grid is drawn at about 150 (村) or 300 (社区) households; far above that is an input error.</summary>
    public const int MaxHouseholds = 5000;

    public static ImmutableArray<FieldError> Validate(GridUnit g, IEnumerable<GridUnit> others, string prefix = "")
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (string.IsNullOrWhiteSpace(g.Name) || g.Name.Trim().Length > 40)
        {
            errors.Add(new(prefix + nameof(g.Name), prefix + "网格名称应为1至40个字"));
        }
        else if (others.Any(o => o.No != g.No && o.Name == g.Name.Trim()))
        {
            errors.Add(new(prefix + nameof(g.Name), $"{prefix}网格名称“{g.Name.Trim()}”已存在"));
        }
        if (string.IsNullOrWhiteSpace(g.Community) || g.Community.Trim().Length > 40)
        {
            errors.Add(new(prefix + nameof(g.Community), prefix + "请填写所属村(社区)"));
        }
        if (!Enum.IsDefined(g.Kind))
        {
            errors.Add(new(prefix + nameof(g.Kind), prefix + "类型应为“村”或“社区”"));
        }
        if (g.Households is < 1 or > MaxHouseholds)
        {
            errors.Add(new(prefix + nameof(g.Households), $"{prefix}户数应为1至{MaxHouseholds}"));
        }
        if (string.IsNullOrWhiteSpace(g.LeaderName) || g.LeaderName.Trim().Length > 20)
        {
            errors.Add(new(prefix + nameof(g.LeaderName), prefix + "请填写网格长姓名"));
        }
        return errors.ToImmutable();
    }

    public static GridUnit Normalized(GridUnit g) => g with
    {
        Name = g.Name.Trim(), Community = g.Community.Trim(), LeaderName = g.LeaderName.Trim(), LeaderUser = g.LeaderUser?.Trim() ?? "",
        WorkerUsers = [.. (g.WorkerUsers.IsDefault ? [] : g.WorkerUsers).Select(u => u.Trim()).Where(u => u.Length > 0).Distinct()],
    };
}
