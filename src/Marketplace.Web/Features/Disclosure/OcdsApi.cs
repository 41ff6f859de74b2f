using Marketplace.Web.Data;
using Marketplace.Web.Features.Budgets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Web.Features.Disclosure;

/// <summary>
/// The Open Contracting (OCDS 1.1.5) export, public and without login (docs/decisions/0015): release packages
/// per year and district, a record package per ocid, and the whole year as one file.
/// </summary>
public static class OcdsApi
{
    /// <summary>
    /// OCDS ocids start with "ocds-" and a 6-character prefix the Open Contracting Partnership assigns to the
    /// publisher; this one stands until the platform's own prefix is registered (set Ocds:Prefix).
    /// </summary>
    public const string DefaultPrefix = "ocds-jdgm01-";

    public static void MapOcdsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/ocds").WithTags("public").AllowAnonymous();
        group.MapGet("/release-package", async (HttpContext http, AppDbContext db, IGrainFactory grains, IConfiguration config, TimeProvider clock, int? year, long? district, CancellationToken ct) =>
                year is { } y && !PublicBudgetsApi.IsBudgetYear(y) ? PublicBudgetsApi.YearRefused()
                    : Json(await ReleasePackageAsync(http, db, grains, config, clock, year, district, ct)))
            .WithName("OcdsReleasePackage")
            .WithSummary("OCDS 1.1.5 发布包：每个采购项目、公益创投和合同一个 ocid（公开，无需登录）")
            .WithDescription("可按 year（预算年度）、district（区 id）筛选。投标统计仅在截止后、结果公开后出现；不含申请材料、附件和个人信息。");
        group.MapGet("/record-package", async Task<Results<FileContentHttpResult, NotFound>> (HttpContext http, AppDbContext db, IGrainFactory grains, IConfiguration config, TimeProvider clock, string? ocid, CancellationToken ct) =>
            {
                var prefix = Prefix(config);
                var now = clock.GetUtcNow();
                if (ocid is null || !ocid.StartsWith(prefix, StringComparison.Ordinal) || !Guid.TryParseExact(ocid[prefix.Length..], "N", out var key))
                {
                    return TypedResults.NotFound();
                }
                var process = (await OcdsSourceQueries.LoadAsync(db, grains, null, null, now, ct)).FirstOrDefault(p => p.Key == key);
                if (process is null)
                {
                    return TypedResults.NotFound();
                }
                return Json(OcdsJson.RecordPackage(Uri(http), Publisher(config), ocid, OcdsMapper.Releases(process, prefix, now)));
            })
            .WithName("OcdsRecordPackage")
            .WithSummary("OCDS 1.1.5 记录包：一个 ocid 的全部发布及合并后的记录；未知 ocid 返回 404");
        group.MapGet("/{year:int}.json", async (HttpContext http, AppDbContext db, IGrainFactory grains, IConfiguration config, TimeProvider clock, int year, CancellationToken ct) =>
                !PublicBudgetsApi.IsBudgetYear(year) ? PublicBudgetsApi.YearRefused()
                    : TypedResults.File(OcdsJson.Bytes(await ReleasePackageAsync(http, db, grains, config, clock, year, null, ct)), "application/json", $"ocds-{year}.json"))
            .WithName("OcdsBulkYear")
            .WithSummary("整年全部区、街道的 OCDS 发布包（下载文件）");
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> ReleasePackageAsync(HttpContext http, AppDbContext db, IGrainFactory grains, IConfiguration config,
        TimeProvider clock, int? year, long? district, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var prefix = Prefix(config);
        var processes = await OcdsSourceQueries.LoadAsync(db, grains, year, district, now, ct);
        var releases = processes.SelectMany(p => OcdsMapper.Releases(p, prefix, now)).ToList();
        return OcdsJson.ReleasePackage(Uri(http), Publisher(config), releases, new DateTimeOffset(year ?? 2000, 1, 1, 0, 0, 0, Domain.ChinaTime.Offset));
    }

    private static FileContentHttpResult Json(System.Text.Json.Nodes.JsonObject package) => TypedResults.File(OcdsJson.Bytes(package), "application/json");

    public static string Prefix(IConfiguration config) => config["Ocds:Prefix"] is { Length: > 0 } p ? p : DefaultPrefix;

    private static string Publisher(IConfiguration config) => config["Ocds:Publisher"] is { Length: > 0 } p ? p : "街道购买服务平台";

    private static string Uri(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.Path}{http.Request.QueryString}";
}
