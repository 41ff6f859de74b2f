using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// Demo incubation bases and organizations (seed/incubation-bases.json, seed/organizations.json), created
/// through their grains like any registration, plus a login for some of them (role Ngo).
/// </summary>
internal static class OrganizationSeeder
{

    internal sealed record BaseSeed(string District, string? Street, string Name, string Level, string Address);

    internal sealed record IncubationSeed(string Base, DateOnly StartsOn, DateOnly? EndsOn, string Mentor, DateOnly? GraduatedOn);

    internal sealed record NegativeSeed(string Source, string Reason, DateOnly StartsOn, DateOnly? EndsOn, bool Published);

    internal sealed record LoginSeed(string UserName, string DisplayName);

    internal sealed record OrganizationSeed(
        string Uscc, string Name, string Type, string Authority, DateOnly RegisteredOn, string Representative,
        string Contact, string Phone, string Address, string District, string? Street, string[] Areas, int Staff,
        int Assistant, int Regular, int Senior, string? IncubationBase, IncubationSeed? Incubation, string Projects,
        string Status, string? StatusReason, NegativeSeed? Negative, LoginSeed? Login);

    public static async Task SeedAsync(IServiceProvider services, AppDbContext db, DemoPassword demoPassword, CancellationToken ct)
    {
        var districts = await db.Districts.Include(d => d.Streets).ToDictionaryAsync(d => d.Name, ct);
        foreach (var b in SeedFiles.Read<BaseSeed>("incubation-bases.json"))
        {
            var district = districts[b.District];
            db.IncubationBases.Add(new IncubationBase
            {
                DistrictId = district.Id, StreetId = b.Street is null ? null : district.Streets.Single(s => s.Name == b.Street).Id,
                Name = b.Name, Level = b.Level, Address = b.Address,
            });
        }
        await db.SaveChangesAsync(ct);
        var bases = await db.IncubationBases.ToDictionaryAsync(b => b.Name, b => b.Id, ct);
        var grains = services.GetRequiredService<IGrainFactory>();
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var o in SeedFiles.Read<OrganizationSeed>("organizations.json"))
        {
            var district = districts[o.District];
            var status = Enum.Parse<DirectoryStatus>(o.Status);
            var profile = new OrganizationProfile
            {
                Name = o.Name, Type = Enum.Parse<ProviderType>(o.Type), RegistrationAuthority = o.Authority, RegisteredOn = o.RegisteredOn,
                LegalRepresentative = o.Representative, ContactPerson = o.Contact, ContactPhone = o.Phone, Address = o.Address,
                DistrictId = district.Id, StreetId = o.Street is null ? null : district.Streets.Single(s => s.Name == o.Street).Id,
                ServiceAreaCodes = [.. o.Areas], StaffCount = o.Staff, SocialWorkers = new SocialWorkerCounts(o.Assistant, o.Regular, o.Senior),
                IncubationBaseId = o.IncubationBase is null ? null : bases[o.IncubationBase], PastProjects = o.Projects,
            };
            var grain = grains.GetGrain<IOrganizationGrain>(o.Uscc);
            Check(await grain.RegisterAsync(profile, o.Login?.UserName ?? DemoPeople.DistrictAdmin(o.District)), o.Name);
            if (o.Incubation is { } i)
            {
                Check(await grain.AddIncubationRecordAsync(bases[i.Base], i.StartsOn, i.EndsOn, i.Mentor, i.GraduatedOn, DemoPeople.DistrictAdmin(o.District)), o.Name);
            }
            if (status is DirectoryStatus.Admitted or DirectoryStatus.Suspended)
            {
                Check(await grain.ChangeStatusAsync(DirectoryStatus.Admitted, "资料齐全，审核通过", DemoPeople.DistrictAdmin(o.District)), o.Name);
            }
            if (o.Negative is { } n)
            {
                Check(await grain.AddNegativeEntryAsync(new NegativeEntryDraft(Enum.Parse<NegativeSource>(n.Source), n.Reason, n.StartsOn, n.EndsOn, n.Published, null), DemoPeople.DistrictAdmin(o.District)), o.Name);
            }
            if (status is not (DirectoryStatus.Admitted or DirectoryStatus.Applying))
            {
                Check(await grain.ChangeStatusAsync(status, o.StatusReason, DemoPeople.DistrictAdmin(o.District)), o.Name);
            }
            if (o.Login is { } login)
            {
                var user = new ApplicationUser { UserName = login.UserName, DisplayName = login.DisplayName, OrganizationUscc = o.Uscc };
                Check(await demoPassword.CreateUserAsync(users, user), login.UserName);
                Check(await users.AddToRoleAsync(user, Roles.Ngo), login.UserName);
            }
        }
    }

    private static void Check<T>(Outcome<T> outcome, string who) => Check(outcome.Errors, who);

    private static void Check(Outcome outcome, string who) => Check(outcome.Errors, who);

    private static void Check(ImmutableArray<FieldError> errors, string who)
    {
        if (!errors.IsDefaultOrEmpty)
        {
            throw new InvalidOperationException($"Seed organization '{who}' is invalid: {string.Join("; ", errors.Select(e => e.Message))}");
        }
    }

    private static void Check(IdentityResult result, string who)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding user {who} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
