using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Web.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Infrastructure.Pages;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// The organization profile as a form posts it: every field a string, parsed here with Chinese messages,
/// so model binding never produces an English error. Property names match <see cref="OrganizationProfile"/>
/// so the grain's field errors land next to the right input.
/// </summary>
public sealed class OrganizationForm
{
    public string? Uscc { get; set; }
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? RegistrationAuthority { get; set; }
    public string? RegisteredOn { get; set; }
    public string? LegalRepresentative { get; set; }
    public string? ContactPerson { get; set; }
    public string? ContactPhone { get; set; }
    public string? Address { get; set; }
    public string? DistrictId { get; set; }
    public string? StreetId { get; set; }
    public List<string> ServiceAreaCodes { get; set; } = [];
    public string? StaffCount { get; set; }
    public string? AssistantSocialWorkers { get; set; }
    public string? RegularSocialWorkers { get; set; }
    public string? SeniorSocialWorkers { get; set; }
    public string? IncubationBaseId { get; set; }
    public string? PastProjects { get; set; }

    public static OrganizationForm From(string uscc, OrganizationProfile p) => new()
    {
        Uscc = uscc, Name = p.Name, Type = p.Type.ToString(), RegistrationAuthority = p.RegistrationAuthority,
        RegisteredOn = p.RegisteredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), LegalRepresentative = p.LegalRepresentative,
        ContactPerson = p.ContactPerson, ContactPhone = p.ContactPhone, Address = p.Address,
        DistrictId = p.DistrictId.ToString(CultureInfo.InvariantCulture), StreetId = p.StreetId?.ToString(CultureInfo.InvariantCulture),
        ServiceAreaCodes = [.. p.ServiceAreaCodes], StaffCount = p.StaffCount.ToString(CultureInfo.InvariantCulture),
        AssistantSocialWorkers = p.SocialWorkers.Assistant.ToString(CultureInfo.InvariantCulture),
        RegularSocialWorkers = p.SocialWorkers.Regular.ToString(CultureInfo.InvariantCulture),
        SeniorSocialWorkers = p.SocialWorkers.Senior.ToString(CultureInfo.InvariantCulture),
        IncubationBaseId = p.IncubationBaseId?.ToString(CultureInfo.InvariantCulture), PastProjects = p.PastProjects,
    };

    /// <summary>Parses the fields; puts each problem next to its field under <paramref name="prefix"/>. Null when any field is unusable.</summary>
    public OrganizationProfile? ToProfile(ModelStateDictionary modelState, string prefix)
    {
        var ok = true;
        void Error(string field, string message)
        {
            modelState.AddModelError($"{prefix}.{field}", message);
            ok = false;
        }
        ProviderType? type = Enum.TryParse<ProviderType>(Type, out var t) && Enum.IsDefined(t) && !(Type ?? "").All(char.IsAsciiDigit) ? t : null;
        if (type is null)
        {
            Error(nameof(Type), "请选择组织类型");
        }
        DateOnly registeredOn = default;
        if (string.IsNullOrWhiteSpace(RegisteredOn))
        {
            Error(nameof(RegisteredOn), "请填写登记日期");
        }
        else if (!DateOnly.TryParseExact(RegisteredOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out registeredOn))
        {
            Error(nameof(RegisteredOn), "登记日期格式应为 2015-06-01");
        }
        if (!long.TryParse(DistrictId, NumberStyles.None, CultureInfo.InvariantCulture, out var districtId))
        {
            Error(nameof(DistrictId), "请选择申请入库的区");
        }
        long? streetId = null;
        if (!string.IsNullOrWhiteSpace(StreetId))
        {
            if (long.TryParse(StreetId, NumberStyles.None, CultureInfo.InvariantCulture, out var s))
            {
                streetId = s;
            }
            else
            {
                Error(nameof(StreetId), "请选择所在街道");
            }
        }
        long? baseId = null;
        if (!string.IsNullOrWhiteSpace(IncubationBaseId))
        {
            if (long.TryParse(IncubationBaseId, NumberStyles.None, CultureInfo.InvariantCulture, out var b))
            {
                baseId = b;
            }
            else
            {
                Error(nameof(IncubationBaseId), "请选择孵化基地");
            }
        }
        var counts = new int[4];
        (string Field, string? Text, string Label)[] countFields =
        [
            (nameof(StaffCount), StaffCount, "工作人员数"), (nameof(AssistantSocialWorkers), AssistantSocialWorkers, "助理社会工作师人数"),
            (nameof(RegularSocialWorkers), RegularSocialWorkers, "社会工作师人数"), (nameof(SeniorSocialWorkers), SeniorSocialWorkers, "高级社会工作师人数"),
        ];
        for (var i = 0; i < countFields.Length; i++)
        {
            if (!OrganizationRules.TryParseCount(countFields[i].Text, countFields[i].Label, out counts[i], out var error))
            {
                Error(countFields[i].Field, error!);
            }
        }
        if (string.IsNullOrWhiteSpace(StaffCount) && ok)
        {
            Error(nameof(StaffCount), "请填写工作人员数");
        }
        if (!ok)
        {
            return null;
        }
        return new OrganizationProfile
        {
            Name = Name ?? "", Type = type!.Value, RegistrationAuthority = RegistrationAuthority ?? "", RegisteredOn = registeredOn,
            LegalRepresentative = LegalRepresentative ?? "", ContactPerson = ContactPerson ?? "", ContactPhone = ContactPhone ?? "",
            Address = Address ?? "", DistrictId = districtId, StreetId = streetId, ServiceAreaCodes = [.. ServiceAreaCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim())], // an empty item is no choice
            StaffCount = counts[0], SocialWorkers = new SocialWorkerCounts(counts[1], counts[2], counts[3]),
            IncubationBaseId = baseId, PastProjects = PastProjects ?? "",
        };
    }

    /// <summary>Shows a grain's field errors next to the form's inputs.</summary>
    public static void AddErrors(ModelStateDictionary modelState, string prefix, ImmutableArray<FieldError> errors) =>
        modelState.AddOutcome(errors, prefix, typeof(OrganizationForm), renames: new Dictionary<string, string>
        {
            [nameof(OrganizationProfile.SocialWorkers)] = nameof(AssistantSocialWorkers),
        });
}

/// <summary>The choices the organization form offers, from the reference tables.</summary>
public sealed record OrganizationFormChoices(
    IReadOnlyList<SelectListItem> Types, IReadOnlyList<SelectListItem> Districts, IReadOnlyList<SelectListItem> Streets,
    IReadOnlyList<SelectListItem> Bases, IReadOnlyList<(string Code, string Name)> Areas)
{
    public static async Task<OrganizationFormChoices> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct);
        var groups = districts.ToDictionary(d => d.Id, d => new SelectListGroup { Name = d.City + d.Name });
        var streets = await db.Streets.AsNoTracking().OrderBy(s => s.DistrictId).ThenBy(s => s.Id).ToListAsync(ct);
        var bases = await db.IncubationBases.AsNoTracking().OrderBy(b => b.DistrictId).ThenBy(b => b.Id).ToListAsync(ct);
        var areas = await db.ServiceAreas.AsNoTracking().OrderBy(a => a.SortOrder).Select(a => new { a.Code, a.Name }).ToListAsync(ct);
        return new(
            [.. ProviderTypeNames.All.Select(p => new SelectListItem(p.Chinese(), p.ToString()))],
            [.. districts.Select(d => new SelectListItem(d.City + d.Name, d.Id.ToString(CultureInfo.InvariantCulture)))],
            [.. streets.Select(s => new SelectListItem(s.Name, s.Id.ToString(CultureInfo.InvariantCulture)) { Group = groups[s.DistrictId] })],
            [.. bases.Select(b => new SelectListItem($"{b.Name}（{b.Level}）", b.Id.ToString(CultureInfo.InvariantCulture)) { Group = groups[b.DistrictId] })],
            [.. areas.Select(a => (a.Code, a.Name))]);
    }
}
