using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Grid;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Grid;

/// <summary>One service residents can order: a unit of an orderable contract (its organization delivers it).</summary>
public sealed record MenuService(Guid ContractId, string ContractTitle, string OrganizationName, string ServiceAreaCode, string UnitCode, string UnitName)
{
    /// <summary>The form value naming the service: "{contract id}:{unit code}".</summary>
    public string Value => $"{ContractId:N}:{UnitCode}";
}

/// <summary>
/// 菜单式服务: the services of a street residents can order now, from its contracts that <see cref="ContractMenu.IsOrderable"/>.
/// A street's contract serves every 村(社区) of the street, so each community's menu is the street's (docs/decisions/0018).
/// </summary>
public sealed class ServiceMenu(AppDbContext db, IGrainFactory grains, TimeProvider clock)
{
    public async Task<IReadOnlyList<MenuService>> ForStreetAsync(long streetId, CancellationToken ct)
    {
        var today = ChinaTime.Day(clock.GetUtcNow());
        // The read model narrows to signed contracts in term; the contract itself decides (its units and status live in the grain).
        var ids = await db.Contracts.AsNoTracking()
            .Where(c => c.StreetId == streetId && c.TermStart <= today && c.TermEnd >= today
                && c.Status != ContractStatus.Drafted && c.Status != ContractStatus.Closed && c.Status != ContractStatus.Terminated)
            .OrderBy(c => c.SignedAt).Select(c => c.Id).ToListAsync(ct);
        var menu = new List<MenuService>();
        foreach (var id in ids)
        {
            if (await grains.GetGrain<IContractGrain>(id).GetAsync() is { } c && c.IsOrderable(today))
            {
                menu.AddRange(c.Units.Select(u => new MenuService(id, c.Title, c.OrganizationName, c.ServiceAreaCode, u.Code, u.Name)));
            }
        }
        return menu;
    }

    /// <summary>The 村(社区) of the street's grids, in the grids' order, with their grids.</summary>
    public async Task<IReadOnlyList<(string Community, IReadOnlyList<GridUnit> Grids)>> CommunitiesAsync(long streetId) =>
        [.. (await grains.GetGrain<IStreetGridGrain>(streetId).GetAsync()).Grids.GroupBy(g => g.Community)
            .Select(g => (g.Key, (IReadOnlyList<GridUnit>)[.. g]))];

    public static (Guid ContractId, string UnitCode)? Parse(string? value) =>
        value?.Split(':', 2) is [var id, var unit] && Guid.TryParseExact(id, "N", out var g) && unit.Length > 0 ? (g, unit) : null;
}
