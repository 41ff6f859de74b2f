using System.Collections.Immutable;
using Marketplace.Catalog;
using Marketplace.Domain;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Tendering;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Infrastructure.Seeding;

/// <summary>Configuration section "Seed".</summary>
public sealed class SeedOptions
{
    /// <summary>Load the demo data when the database is empty.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Password of every demo account (a public demo password, not a secret).</summary>
    public string DemoPassword { get; set; } = "Demo@2026";
}

/// <summary>
/// Loads the demo data of seed/ on first run (when there is no district yet) and prints the demo logins.
/// Runs after the silo has started, because transfer items are created through their catalog grain
/// like any other item.
/// </summary>
public sealed class DemoDataSeeder(IServiceProvider services, SeedOptions options, ILogger<DemoDataSeeder> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await db.Districts.AnyAsync(cancellationToken))
        {
            var sp = scope.ServiceProvider;
            var grains = sp.GetRequiredService<IGrainFactory>();
            var clock = sp.GetRequiredService<TimeProvider>();
            var password = new DemoPassword(sp.GetRequiredService<IPasswordHasher<ApplicationUser>>(), options.DemoPassword);
            var t = new SeedTimings(log);
            await t.StepAsync("reference data", () => SeedReferenceDataAsync(db, cancellationToken));
            await t.StepAsync("users", () => SeedUsersAsync(sp, db, password));
            await t.StepAsync("catalog", () => SeedCatalogAsync(grains, db, cancellationToken));
            await t.StepAsync("budgets", () => BudgetSeeder.SeedAsync(grains, db, clock, cancellationToken));
            await t.StepAsync("organizations", () => OrganizationSeeder.SeedAsync(sp, db, password, cancellationToken));
            await t.StepAsync("experts", () => TenderingSeed.SeedAsync(sp, db));
            await t.StepAsync("contracts", () => Features.Contracts.ContractsSeed.SeedAsync(sp, db, clock));
            await t.StepAsync("rounds", () => Features.Rounds.RoundsSeed.SeedAsync(sp, db, clock));
            await t.StepAsync("grid", () => Features.Grid.GridSeed.SeedAsync(sp, db));
            t.Done();
        }
        await PrintLoginsAsync(db, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Service areas, districts, streets and guiding catalogues of seed/; also used by the test cluster.</summary>
    internal static async Task SeedReferenceDataAsync(AppDbContext db, CancellationToken ct)
    {
        var order = 0;
        db.ServiceAreas.AddRange(SeedFiles.Read<ServiceAreaSeed>("service-areas.json")
            .Select(a => new ServiceArea { Code = a.Code, Name = a.Name, SortOrder = order++ }));
        var guiding = SeedFiles.Read<GuidingEntrySeed>("guiding-catalogue.json");
        foreach (var d in SeedFiles.Read<DistrictSeed>("districts.json"))
        {
            var district = new District { City = d.City, Name = d.Name };
            district.Streets.AddRange(d.Streets.Select(s => new Street { Name = s }));
            db.Districts.Add(district);
            await db.SaveChangesAsync(ct);
            db.GuidingCatalogEntries.AddRange(guiding.Select(g => new GuidingCatalogEntry
            {
                DistrictId = district.Id, Code = g.Code, Name = g.Name, ServiceAreaCode = g.Area, Description = g.Description,
            }));
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task SeedUsersAsync(IServiceProvider sp, AppDbContext db, DemoPassword password)
    {
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var u in SeedFiles.Read<DemoUserSeed>("demo-users.json"))
        {
            // An operator (运维人员) belongs to no district.
            var district = u.District is null ? null : await db.Districts.SingleAsync(d => d.Name == u.District);
            var street = u.Street is null ? null : await db.Streets.SingleAsync(s => s.Name == u.Street && s.DistrictId == district!.Id);
            var user = new ApplicationUser
            {
                UserName = u.UserName, DisplayName = u.DisplayName, DistrictId = district?.Id, StreetId = street?.Id,
            };
            Check(await password.CreateUserAsync(users, user), u.UserName);
            Check(await users.AddToRoleAsync(user, u.Role), u.UserName);
        }
    }

    private static async Task SeedCatalogAsync(IGrainFactory grains, AppDbContext db, CancellationToken ct)
    {
        // Streets and guiding entries read once, not twice per item (359 items): street names are unique.
        var streets = await db.Streets.Include(s => s.District).AsNoTracking().ToDictionaryAsync(s => s.Name, ct);
        var areas = await db.GuidingCatalogEntries.AsNoTracking().ToDictionaryAsync(g => (g.DistrictId, g.Code), g => g.ServiceAreaCode, ct);
        // One import per street: one state write for its items instead of two per item (bench/README "Start-up").
        foreach (var items in SeedFiles.Read<TransferItemSeed>("transfer-items.json").GroupBy(i => i.Street))
        {
            var street = streets[items.Key];
            var imports = items.Select(item => new TransferItemImport(new TransferItemDraft(item.Title, item.Content,
                [.. item.Providers.Select(Enum.Parse<ProviderType>)], item.Requirements, item.Materials,
                areas[(street.DistrictId, item.Guiding)],
                Money.FromYuan(decimal.Parse(item.Budget, System.Globalization.CultureInfo.InvariantCulture)),
                PurchaseNature.Service, item.Guiding), item.Publish)).ToImmutableArray();
            var by = DemoPeople.StreetOfficial(street.District!.Name, street.Name);
            var imported = await grains.GetGrain<IStreetCatalogGrain>(street.Id).ImportAsync(imports, by);
            if (!imported.Succeeded)
            {
                throw new InvalidOperationException($"Seed items of '{street.Name}' are invalid: {imported.Errors[0].Field} {imported.Errors[0].Message}");
            }
        }
    }

    private async Task PrintLoginsAsync(AppDbContext db, CancellationToken ct)
    {
        var users = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           join s in db.Streets on u.StreetId equals s.Id into us
                           from s in us.DefaultIfEmpty()
                           orderby r.Name, u.UserName
                           select new { u.UserName, u.DisplayName, Role = r.Name!, u.DistrictId, Street = s.Name, u.OrganizationUscc }).ToListAsync(ct);
        var organizations = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Uscc, o => new { o.Name, o.DistrictId }, ct);
        var districts = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var rows = users.Select(u =>
        {
            var organization = u.OrganizationUscc is { } uscc ? organizations.GetValueOrDefault(uscc) : null;
            var districtId = u.DistrictId ?? organization?.DistrictId;
            return new
            {
                u.UserName, u.DisplayName, u.Role, u.Street, Organization = organization?.Name,
                District = districtId is { } id ? districts.GetValueOrDefault(id) : null,
            };
        }).ToList();
        if (rows.Count == 0)
        {
            return;
        }
        // Each line says whose account it is: the street, or for an NGO its organization and district.
        var lines = rows.Select(r =>
            $"  {Roles.Chinese(r.Role),-6} {r.District,-5} {r.Organization ?? r.Street ?? "",-16} {r.DisplayName,-14} 用户名: {r.UserName,-18} 密码: {options.DemoPassword}");
        Console.WriteLine("演示账号 (demo logins):" + Environment.NewLine + string.Join(Environment.NewLine, lines));
    }

    private static void Check(IdentityResult result, string who)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding user {who} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
