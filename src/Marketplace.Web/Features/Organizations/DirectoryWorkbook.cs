using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Reports.Excel;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Organizations;

/// <summary>The columns of the directory sheet: the export writes them, the import reads them by header name.</summary>
public static class DirectoryWorkbook
{
    public const string Code = "统一社会信用代码";
    public const string Name = "组织名称";
    public const string Type = "组织类型";
    public const string Authority = "登记管理机关";
    public const string RegisteredOn = "登记日期";
    public const string Representative = "法定代表人";
    public const string Contact = "联系人";
    public const string Phone = "联系电话";
    public const string Address = "地址";
    public const string Street = "所在街道";
    public const string Areas = "服务领域";
    public const string Staff = "工作人员数";
    public const string Assistant = "助理社会工作师";
    public const string Regular = "社会工作师";
    public const string Senior = "高级社会工作师";
    public const string Incubation = "孵化基地";
    public const string Projects = "过往项目";
    public const string Status = "入库状态";
    public const string StatusReason = "状态说明";

    public static readonly ImmutableArray<string> ImportColumns =
        [Code, Name, Type, Authority, RegisteredOn, Representative, Contact, Phone, Address, Street, Areas, Staff, Assistant, Regular, Senior, Incubation, Projects];

    public static readonly ImmutableArray<string> RequiredColumns =
        [Code, Name, Type, Authority, RegisteredOn, Representative, Contact, Phone, Address, Areas, Staff];

    public static readonly ImmutableArray<string> ExportColumns = [.. ImportColumns, Status, StatusReason];

    /// <summary>
    /// Writes the district's directory (every status, or one) as .xlsx into <paramref name="output"/>,
    /// streaming rows from the database.
    /// </summary>
    public static async Task ExportAsync(AppDbContext db, long districtId, DirectoryStatus? status, Stream output, CancellationToken ct)
    {
        var areas = await DirectoryQueries.AreaNamesAsync(db, ct);
        var streets = await db.Streets.AsNoTracking().Where(s => s.DistrictId == districtId).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var bases = await db.IncubationBases.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var query = db.Organizations.AsNoTracking().Where(o => o.DistrictId == districtId);
        if (status is { } s)
        {
            query = query.Where(o => o.Status == s);
        }
        // OpenXmlWriter is synchronous: rows are pulled one by one from the open query as it writes.
        var rows = query.OrderBy(o => o.Name).AsEnumerable().Select(o => (IReadOnlyList<object?>)
        [
            o.Uscc, o.Name, o.Type.Chinese(), o.RegistrationAuthority, o.RegisteredOn, o.LegalRepresentative,
            o.ContactPerson, o.ContactPhone, o.Address, o.StreetId is { } st ? streets.GetValueOrDefault(st) : null,
            string.Join("、", o.ServiceAreaCodes.Select(c => areas.GetValueOrDefault(c, c))), o.StaffCount,
            o.AssistantSocialWorkers, o.SocialWorkers, o.SeniorSocialWorkers,
            o.IncubationBaseId is { } b ? bases.GetValueOrDefault(b) : null, o.PastProjects, o.Status.Chinese(), o.StatusReason,
        ]);
        await Task.Run(() => XlsxWriter.Write(output, "社会组织目录", ExportColumns, rows), ct);
    }

    public static ProviderType? ParseType(string text) => text.Replace("(", "（", StringComparison.Ordinal).Replace(")", "）", StringComparison.Ordinal).Trim() switch
    {
        "社会团体" => ProviderType.SocialGroup,
        "社会服务机构（民办非企业单位）" or "社会服务机构" or "民办非企业单位" => ProviderType.SocialServiceAgency,
        "基金会" => ProviderType.Foundation,
        "社工机构" or "社会工作服务机构" => ProviderType.SocialWorkAgency,
        "企业" => ProviderType.Enterprise,
        _ => null,
    };

    public static DateOnly? ParseDate(string text)
    {
        var t = text.Trim();
        string[] formats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyy.M.d", "yyyy年M月d日"];
        if (DateOnly.TryParseExact(t, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        // A cell formatted as a date arrives as its Excel serial number.
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466 && serial == Math.Floor(serial))
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        }
        return null;
    }
}
