using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Domain;
using Marketplace.Tendering;

namespace Marketplace.Organizations;

/// <summary>The organization rules that need no storage: profile checks, status moves, eligibility.</summary>
public static class OrganizationRules
{
    public const int MaxCount = 100_000;

    /// <summary>
    /// Parses a head count typed by a person ("12"): whole, non-negative, at most 100,000. Anything else
    /// ("-3", "1e9", "abc", "3.5") gets a Chinese message naming the field.
    /// </summary>
    public static bool TryParseCount(string? text, string label, out int value, out string? error)
    {
        value = 0;
        error = null;
        var t = (text ?? string.Empty).Trim();
        if (t.Length == 0)
        {
            return true;
        }
        if (t.StartsWith('-'))
        {
            error = $"{label}不能为负数";
            return false;
        }
        if (!t.All(char.IsAsciiDigit))
        {
            error = $"{label}请填写整数（如 12）";
            return false;
        }
        if (t.Length > 6 || !int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value > MaxCount)
        {
            value = 0;
            error = $"{label}不能超过 {MaxCount:N0}";
            return false;
        }
        return true;
    }

    /// <summary>Trims text fields and de-duplicates service areas.</summary>
    public static OrganizationProfile Normalise(OrganizationProfile p) => p with
    {
        Name = p.Name.Trim(),
        RegistrationAuthority = p.RegistrationAuthority.Trim(),
        LegalRepresentative = p.LegalRepresentative.Trim(),
        ContactPerson = p.ContactPerson.Trim(),
        ContactPhone = p.ContactPhone.Trim(),
        Address = p.Address.Trim(),
        PastProjects = p.PastProjects.Trim(),
        ServiceAreaCodes = p.ServiceAreaCodes.IsDefault ? [] : [.. p.ServiceAreaCodes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct()],
    };

    /// <summary>Field checks of a profile (names as in <see cref="OrganizationProfile"/>).</summary>
    public static ImmutableArray<FieldError> Validate(OrganizationProfile p, IReadOnlySet<string> serviceAreas, DateOnly today)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        Required(errors, nameof(p.Name), p.Name, "组织名称", 100);
        Required(errors, nameof(p.RegistrationAuthority), p.RegistrationAuthority, "登记管理机关", 50);
        Required(errors, nameof(p.LegalRepresentative), p.LegalRepresentative, "法定代表人", 30);
        Required(errors, nameof(p.ContactPerson), p.ContactPerson, "联系人", 30);
        Required(errors, nameof(p.Address), p.Address, "地址", 200);
        if (string.IsNullOrWhiteSpace(p.ContactPhone))
        {
            errors.Add(new(nameof(p.ContactPhone), "请填写联系电话"));
        }
        else if (p.ContactPhone.Length > 30 || p.ContactPhone.Any(c => !char.IsAsciiDigit(c) && c is not '-' and not '+' and not ' ' and not '(' and not ')'))
        {
            errors.Add(new(nameof(p.ContactPhone), "联系电话只能包含数字、空格和 + - ( )"));
        }
        if (!Enum.IsDefined(p.Type))
        {
            errors.Add(new(nameof(p.Type), "请选择组织类型"));
        }
        if (p.RegisteredOn > today)
        {
            errors.Add(new(nameof(p.RegisteredOn), "登记日期不能晚于今天"));
        }
        else if (p.RegisteredOn < new DateOnly(1949, 10, 1))
        {
            errors.Add(new(nameof(p.RegisteredOn), "请填写正确的登记日期"));
        }
        if (p.ServiceAreaCodes.IsDefaultOrEmpty)
        {
            errors.Add(new(nameof(p.ServiceAreaCodes), "请至少选择一个服务领域"));
        }
        else if (p.ServiceAreaCodes.FirstOrDefault(c => !serviceAreas.Contains(c)) is { } unknown)
        {
            errors.Add(new(nameof(p.ServiceAreaCodes), $"服务领域“{unknown}”不存在"));
        }
        if (p.StaffCount is < 0 or > MaxCount)
        {
            errors.Add(new(nameof(p.StaffCount), "工作人员数应为 0 到 100,000 之间的整数"));
        }
        var sw = p.SocialWorkers;
        if (sw.Assistant < 0 || sw.Regular < 0 || sw.Senior < 0)
        {
            errors.Add(new(nameof(p.SocialWorkers), "持证社工人数不能为负数"));
        }
        else if (sw.Total > p.StaffCount)
        {
            errors.Add(new(nameof(p.SocialWorkers), $"持证社工合计 {sw.Total} 人，不能多于工作人员数 {p.StaffCount} 人"));
        }
        if (p.PastProjects.Length > 4000)
        {
            errors.Add(new(nameof(p.PastProjects), "过往项目不能超过 4000 字"));
        }
        return errors.ToImmutable();
    }

    private static void Required(ImmutableArray<FieldError>.Builder errors, string field, string value, string label, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, $"请填写{label}"));
        }
        else if (value.Length > max)
        {
            errors.Add(new(field, $"{label}不能超过 {max} 个字"));
        }
    }

    /// <summary>The directory moves a district admin may make, and the NGO's resubmission.</summary>
    public static string? TransitionError(DirectoryStatus from, DirectoryStatus to) => (from, to) switch
    {
        (DirectoryStatus.Applying, DirectoryStatus.Admitted) => null,
        (DirectoryStatus.Suspended, DirectoryStatus.Admitted) => null,   // 恢复入库
        (DirectoryStatus.Applying, DirectoryStatus.Returned) => null,
        (DirectoryStatus.Admitted, DirectoryStatus.Suspended) => null,
        (DirectoryStatus.Admitted, DirectoryStatus.Removed) => null,
        (DirectoryStatus.Suspended, DirectoryStatus.Removed) => null,
        (DirectoryStatus.Returned, DirectoryStatus.Applying) => null,    // 修改后重新申请
        (DirectoryStatus.Removed, DirectoryStatus.Applying) => null,
        _ => $"当前状态为“{from.Chinese()}”，不能改为“{to.Chinese()}”",
    };

    /// <summary>
    /// SPEC §3.2: only 已入库 organizations may be awarded; an active negative entry bars applying; the
    /// organization must be of a kind the purchase allows and have enough certified social workers.
    /// Every failed condition is reported, in Chinese.
    /// </summary>
    public static Outcome Eligibility(
        OrganizationState state, IReadOnlyCollection<ProviderType> allowedTypes, int minCertifiedSocialWorkers, DateTimeOffset at)
    {
        if (state.Profile is not { } profile)
        {
            return Outcome.Fail("", "该组织尚未在本平台登记");
        }
        var errors = new List<FieldError>();
        if (state.Status != DirectoryStatus.Admitted)
        {
            errors.Add(new("Status", $"该组织不在有承接能力的社会组织目录中（当前状态：{state.Status.Chinese()}）"));
        }
        var day = ChinaTime.Day(at);
        foreach (var entry in state.NegativeEntries.Where(e => e.IsActiveOn(day)))
        {
            var until = entry.Fields.EndsOn is { } end ? $"至 {end:yyyy-MM-dd}" : "起长期有效";
            errors.Add(new("NegativeEntries",
                $"该组织有生效中的负面信息（{entry.Fields.Source.Chinese()}：{entry.Fields.Reason}，{entry.Fields.StartsOn:yyyy-MM-dd} {until}）"));
        }
        if (allowedTypes.Count > 0 && !allowedTypes.Contains(profile.Type))
        {
            errors.Add(new("Type",
                $"组织类型“{profile.Type.Chinese()}”不在允许的承接主体（{string.Join("、", allowedTypes.Select(t => t.Chinese()))}）之内"));
        }
        if (profile.SocialWorkers.Total < minCertifiedSocialWorkers)
        {
            errors.Add(new("SocialWorkers", $"持证社工 {profile.SocialWorkers.Total} 人，少于要求的 {minCertifiedSocialWorkers} 人"));
        }
        return errors.Count == 0 ? Outcome.Ok : Outcome.Fail(errors);
    }

    /// <summary>
    /// Whether the organization may apply to a purchase of <paramref name="districtId"/>: registered, in
    /// that district's directory when the notice asks for it, then <see cref="Eligibility"/> (SPEC §3.2).
    /// Null when eligible, otherwise every reason in Chinese joined by "；".
    /// </summary>
    public static string? ApplicantIneligibleReason(
        OrganizationState state, long districtId, EligibilityRequirements requirements, DateTimeOffset at)
    {
        if (state.Profile is not { } profile)
        {
            return "该组织尚未登记进入社会组织目录，不能申请";
        }
        if (requirements.DirectoryMembershipRequired && profile.DistrictId != districtId)
        {
            return "该组织不在本区有承接能力的社会组织目录中";
        }
        var outcome = Eligibility(state, requirements.ProviderTypes.IsDefault ? [] : requirements.ProviderTypes, requirements.MinimumCertifiedSocialWorkers, at);
        return outcome.Succeeded ? null : string.Join("；", outcome.Errors.Select(e => e.Message));
    }
}
