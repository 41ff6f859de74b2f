using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Rounds;

/// <summary>
/// 公益创投 rounds as the public sees them: organizer, pool, cap, status and, from 立项公示 on, each funded
/// project's organization, amount, score and rank. Never a proposal, and nothing of a round before it opens.
/// </summary>
public static class PublicRoundsApi
{
    public sealed record RoundDto(
        Guid RoundId, string Title, int Year, long DistrictId, string District, long? StreetId, string Organizer,
        string Pool, string Cap, string Status, DateTimeOffset Deadline, IReadOnlyList<string> Categories,
        string? Leftover, IReadOnlyList<string> Experts, IReadOnlyList<FundedDto> Funded, IReadOnlyList<ShareDto> Shares);

    /// <summary>A district round's street and its share of the pool (empty for a street's round).</summary>
    public sealed record ShareDto(long StreetId, string Street, string Amount);

    public sealed record FundedDto(int Rank, string Project, string Organization, string Uscc, string Amount, decimal Score);

    public static void MapPublicRoundsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/public/rounds", GetRoundsAsync)
            .WithName("PublicRounds")
            .WithSummary("公益创投：资金池、单项上限、状态、区级创投各街道分担金额，立项公示后的资助项目（组织、统一社会信用代码、金额、得分、排名）")
            .WithDescription("可按 year（年度）、district（区 id）筛选。草稿不公开；申报书内容从不公开。")
            .WithTags("public")
            .AllowAnonymous();

    public static async Task<Ok<List<RoundDto>>> GetRoundsAsync(AppDbContext db, IGrainFactory grains, int? year, long? district, CancellationToken ct) =>
        TypedResults.Ok(await QueryAsync(db, grains, year, district, ct));

    /// <summary>The one read behind /Rounds, the round page and the JSON, so all show the same figures.</summary>
    public static async Task<List<RoundDto>> QueryAsync(AppDbContext db, IGrainFactory grains, int? year, long? district, CancellationToken ct)
    {
        var districts = await db.Districts.AsNoTracking().Where(d => district == null || d.Id == district)
            .Select(d => new { d.Id, d.Name }).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var streets = await db.Streets.AsNoTracking().Where(s => district == null || s.DistrictId == district)
            .Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var result = new List<RoundDto>();
        foreach (var (districtId, districtName) in districts)
        {
            var summaries = await grains.GetGrain<IVentureRoundListGrain>(districtId).ListAsync();
            foreach (var summary in summaries.Where(s => s.Status != RoundStatus.Draft && (year == null || s.Year == year)))
            {
                if (await grains.GetGrain<IVentureRoundGrain>(summary.Id).GetPublicAsync() is { } view)
                {
                    result.Add(ToDto(view, districtName, streets));
                }
            }
        }
        return result;
    }

    public static async Task<RoundDto?> FindAsync(AppDbContext db, IGrainFactory grains, Guid id, CancellationToken ct)
    {
        if (await grains.GetGrain<IVentureRoundGrain>(id).GetPublicAsync() is not { } view)
        {
            return null;
        }
        var districtName = await db.Districts.AsNoTracking().Where(d => d.Id == view.Info.Organizer.DistrictId).Select(d => d.Name).SingleOrDefaultAsync(ct) ?? "";
        var streets = await db.Streets.AsNoTracking().Where(s => s.DistrictId == view.Info.Organizer.DistrictId)
            .Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return ToDto(view, districtName, streets);
    }

    private static RoundDto ToDto(RoundPublicView v, string district, IReadOnlyDictionary<long, string> streets)
    {
        var i = v.Info;
        var organizer = i.Organizer.StreetId is { } s ? streets.GetValueOrDefault(s, "") : district;
        return new RoundDto(i.Id, i.Settings.Title, i.Settings.ServiceYear, i.Organizer.DistrictId, district, i.Organizer.StreetId, organizer,
            MoneyFormat.Number(i.Settings.Pool), MoneyFormat.Number(i.Settings.Cap), i.Status.Chinese(), i.Settings.Deadline, [.. i.Settings.Categories],
            v.Leftover is { } left ? MoneyFormat.Number(left) : null, [.. v.Experts],
            [.. v.Funded.Select(f => new FundedDto(f.Rank, f.Title, f.OrganizationName, f.Uscc, MoneyFormat.Number(f.Amount), f.Score))],
            [.. (i.Settings.Shares.IsDefault ? [] : i.Settings.Shares).Select(x => new ShareDto(x.StreetId, streets.GetValueOrDefault(x.StreetId, ""), MoneyFormat.Number(x.Amount)))]);
    }
}
