using System.Globalization;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Infrastructure.Caching;

namespace Marketplace.Web.Features.Organizations;

public static class PublicOrganizationsApi
{
    /// <summary>An organization in the directory as the public JSON shows it. Field names are a stable contract.</summary>
    public sealed record OrganizationDto(
        string Uscc, string Name, string Type, long DistrictId, string District, string? Street,
        IReadOnlyList<string> ServiceAreas, int CertifiedSocialWorkers, bool Incubated, DateOnly RegisteredOn,
        IReadOnlyList<PublicNegativeEntryDto> NegativeEntries,
        int? Stars,               // 星级评定 1–5 from the last three final evaluation grades; null before the first
        bool ExcellentPriority);  // the latest final grade is 优秀 (优先)

    /// <summary>A negative entry the district chose to publish (公开的负面信息).</summary>
    public sealed record PublicNegativeEntryDto(string Source, string Reason, DateOnly StartsOn, DateOnly? EndsOn);

    public sealed record OrganizationPageDto(IReadOnlyList<OrganizationDto> Items, int Total, int Page, int PageSize, int PageCount);

    /// <summary>
    /// GET /api/public/organizations?district=&amp;area=&amp;q=&amp;page= (also type, minSocialWorkers, incubated):
    /// 已入库 organizations only, no login. district is the district id or its name (e.g. 吴兴区).
    /// </summary>
    public static void MapPublicOrganizationsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/public/organizations", async (AppDbContext db, string? district, string? area, string? q, string? page,
                string? type, string? minSocialWorkers, string? incubated, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                long? districtId = null;
                if (!string.IsNullOrWhiteSpace(district))
                {
                    var d = district.Trim();
                    districtId = long.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                        ? await db.Districts.Where(x => x.Id == id).Select(x => (long?)x.Id).SingleOrDefaultAsync(ct)
                        : await db.Districts.Where(x => x.Name == d || x.City + x.Name == d).Select(x => (long?)x.Id).FirstOrDefaultAsync(ct);
                    if (districtId is null)
                    {
                        errors["district"] = ["没有这个区"];
                    }
                }
                var pageNumber = 1;
                if (!string.IsNullOrWhiteSpace(page) &&
                    (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1 || pageNumber > 10_000))
                {
                    errors["page"] = ["页码应为 1 到 10000 之间的整数"];
                }
                ProviderType? providerType = null;
                if (!string.IsNullOrWhiteSpace(type))
                {
                    providerType = ParseType(type);
                    if (providerType is null)
                    {
                        errors["type"] = ["组织类型应为 SocialGroup、SocialServiceAgency、Foundation、SocialWorkAgency、Enterprise 之一"];
                    }
                }
                int? min = null;
                if (!string.IsNullOrWhiteSpace(minSocialWorkers))
                {
                    if (OrganizationRules.TryParseCount(minSocialWorkers, "持证社工人数", out var m, out var error))
                    {
                        min = m;
                    }
                    else
                    {
                        errors["minSocialWorkers"] = [error!];
                    }
                }
                bool? isIncubated = null;
                if (!string.IsNullOrWhiteSpace(incubated))
                {
                    if (bool.TryParse(incubated, out var b))
                    {
                        isIncubated = b;
                    }
                    else
                    {
                        errors["incubated"] = ["incubated 应为 true 或 false"];
                    }
                }
                if (q?.Length > 100)
                {
                    errors["q"] = ["搜索词不能超过 100 个字"];
                }
                if (errors.Count > 0)
                {
                    return Results.ValidationProblem(errors, title: "查询参数有误");
                }
                var filter = new DirectoryQueries.Filter
                {
                    DistrictId = districtId, Status = DirectoryStatus.Admitted, Area = area, Q = q, Type = providerType,
                    MinSocialWorkers = min, Incubated = isIncubated,
                };
                var result = await DirectoryQueries.SearchAsync(db, filter, pageNumber, ct);
                var published = await PublishedNegativeEntriesAsync(db, [.. result.Items.Select(i => i.Uscc)], ct);
                return Results.Ok(new OrganizationPageDto(
                    [.. result.Items.Select(i => new OrganizationDto(i.Uscc, i.Name, i.Type.Chinese(), i.DistrictId, i.District, i.Street,
                        i.ServiceAreas, i.CertifiedSocialWorkers, i.Incubated, i.RegisteredOn,
                        published.GetValueOrDefault(i.Uscc) ?? [], i.Stars, i.Priority))],
                    result.Total, result.PageNumber, result.PageSize, result.PageCount));
            })
            .WithName("PublicOrganizations")
            .WithSummary("有承接能力的社会组织目录（仅已入库，公开，无需登录）")
            .WithTags("public")
            .Produces<OrganizationPageDto>()
            .ProducesValidationProblem()
            .AllowAnonymous()
            .CachePublicRead(PublicReads.Organizations);

    /// <summary>Active negative entries the district published, per organization.</summary>
    public static async Task<Dictionary<string, List<PublicNegativeEntryDto>>> PublishedNegativeEntriesAsync(
        AppDbContext db, IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        var today = ChinaTime.Day(DateTimeOffset.UtcNow);
        var rows = await db.NegativeEntries.AsNoTracking()
            .Where(n => codes.Contains(n.Uscc) && n.Published && n.RevokedAt == null && n.StartsOn <= today && (n.EndsOn == null || n.EndsOn >= today))
            .OrderBy(n => n.StartsOn).ToListAsync(ct);
        return rows.GroupBy(n => n.Uscc).ToDictionary(g => g.Key,
            g => g.Select(n => new PublicNegativeEntryDto(n.Source.Chinese(), n.Reason, n.StartsOn, n.EndsOn)).ToList());
    }

    private static ProviderType? ParseType(string text)
    {
        var t = text.Trim();
        if (Enum.TryParse<ProviderType>(t, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !t.All(char.IsAsciiDigit))
        {
            return parsed;
        }
        return ProviderTypeNames.All.Cast<ProviderType?>().FirstOrDefault(p => p!.Value.Chinese() == t);
    }
}
