using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Contracts;

/// <summary>
/// Signed contracts as the public sees them (政府购买服务信息公开): parties, amount, term and each
/// tranche's share, amount, status and grade. Never a report, an attachment or a beneficiary's data.
/// </summary>
public static class PublicContractsApi
{
    public sealed record ContractDto(
        Guid ContractId, Guid TenderId, long StreetId, string Street, long DistrictId, string District,
        string Organization, string Uscc, string Title, string Amount, DateOnly TermStart, DateOnly TermEnd, string Status,
        IReadOnlyList<TrancheDto> Tranches);

    /// <summary>Status: planned / paid / held / released; grade: 优秀 / 良好 / 合格 / 不合格 once evaluated.</summary>
    public sealed record TrancheDto(int No, string Gate, string Share, string Amount, string Status, string? Grade);

    public static void MapPublicContractsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/public/contracts", GetContractsAsync)
            .WithName("PublicContracts")
            .WithSummary("已签订的政府购买服务合同及付款节点（公开，无需登录；不含进度报告、附件和服务对象信息）")
            .WithDescription("可按 year（年度）、district（区 id）、street（街道 id）筛选。每个付款节点给出比例、金额、状态（planned 待支付 / paid 已支付 / held 暂缓支付 / released 已收回）和评估等级。")
            .WithTags("public")
            .AllowAnonymous();

    public static async Task<Ok<List<ContractDto>>> GetContractsAsync(AppDbContext db, int? year, long? district, long? street, CancellationToken ct) =>
        TypedResults.Ok(await QueryAsync(db, year, district, street, ct));

    /// <summary>The one query behind the public page and the JSON, so both show the same figures.</summary>
    public static async Task<List<ContractDto>> QueryAsync(AppDbContext db, int? year, long? district, long? street, CancellationToken ct)
    {
        var rows = await (from c in db.Contracts.AsNoTracking()
                          join s in db.Streets on c.StreetId equals s.Id
                          join d in db.Districts on c.DistrictId equals d.Id
                          where c.Status != ContractStatus.Drafted
                              && (year == null || c.Year == year) && (district == null || c.DistrictId == district) && (street == null || c.StreetId == street)
                          orderby c.CreatedAt descending
                          select new { c, Street = s.Name, District = d.Name }).ToListAsync(ct);
        var ids = rows.Select(r => r.c.Id).ToList();
        var tranches = (await db.ContractTranches.AsNoTracking().Where(t => ids.Contains(t.ContractId)).ToListAsync(ct)).ToLookup(t => t.ContractId);
        return [.. rows.Select(r => new ContractDto(r.c.Id, r.c.TenderId, r.c.StreetId, r.Street, r.c.DistrictId, r.District,
            r.c.OrganizationName, r.c.Uscc, r.c.Title, MoneyFormat.Number(r.c.Amount), r.c.TermStart, r.c.TermEnd, r.c.Status.Chinese(),
            [.. tranches[r.c.Id].OrderBy(t => t.No).Select(t => new TrancheDto(t.No, t.Gate.Chinese(),
                t.SharePercent.ToString("0.##", CultureInfo.InvariantCulture) + "%", MoneyFormat.Number(t.Amount), t.Status.Code(), t.Grade?.Chinese()))]))];
    }
}
