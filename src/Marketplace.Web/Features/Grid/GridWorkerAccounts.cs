using Marketplace.Domain;
using Marketplace.Grid;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Grid;

/// <summary>
/// A street creates 网格员 accounts for its grids: role GridWorker, scoped to the street (the street id on the
/// account is what <see cref="CurrentTenant.GridStreetId"/> reads), added to the chosen grid's workers. The grid is
/// checked before the account is made, and the account is deleted again if the grid refuses it, so a refusal
/// leaves nothing behind (as <see cref="Organizations.OrganizationRegistration"/>).
/// </summary>
public sealed class GridWorkerAccounts(UserManager<ApplicationUser> users, IGrainFactory grains)
{
    public sealed record NewWorker(int GridNo, string UserName, string DisplayName, string Phone, string Password);

    public async Task<IReadOnlyList<ApplicationUser>> OfStreetAsync(long street) =>
        [.. (await users.GetUsersInRoleAsync(Roles.GridWorker)).Where(u => u.StreetId == street).OrderBy(u => u.UserName, StringComparer.Ordinal)];

    public async Task<Outcome> CreateAsync(long district, long street, NewWorker w, string by)
    {
        var errors = GridWorkerAccountRules.Check(w.UserName, w.DisplayName, w.Phone).ToList();
        var grain = grains.GetGrain<IStreetGridGrain>(street);
        var view = await grain.GetAsync();
        var grid = view.Find(w.GridNo);
        if (grid is null)
        {
            errors.Add(new("GridNo", "网格不存在"));
        }
        else if (await users.FindByNameAsync(w.UserName.Trim()) is not null)
        {
            errors.Add(new("UserName", "该账号已被使用"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Fail(errors);
        }
        var user = new ApplicationUser
        {
            UserName = w.UserName.Trim(), DisplayName = w.DisplayName.Trim(), PhoneNumber = w.Phone.Trim(), DistrictId = district, StreetId = street,
        };
        var created = await users.CreateAsync(user, w.Password);
        if (!created.Succeeded)
        {
            return Outcome.Fail(created.Errors.Select(e => new FieldError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "UserName", e.Description)));
        }
        try
        {
            var role = await users.AddToRoleAsync(user, Roles.GridWorker);
            var saved = role.Succeeded
                ? await grain.SaveAsync(grid! with { WorkerUsers = [.. grid.WorkerUsers, user.UserName] }, view.Version, by)
                : new Outcome<GridUnit>([new FieldError("", "账号创建失败，请稍后重试")], null);
            if (!saved.Succeeded)
            {
                await users.DeleteAsync(user);
                return Outcome.Fail(saved.Errors);
            }
        }
        catch
        {
            await users.DeleteAsync(user);
            throw;
        }
        return Outcome.Ok;
    }
}
