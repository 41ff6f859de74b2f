using System.Text.Json.Serialization;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Web.Data;

namespace Marketplace.Web.Features.Budgets;

public static class PublicBudgetsApi
{
    /// <summary>One funding source's share of a street's budget.</summary>
    public sealed record FundingDto(
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("amount")] string Amount);

    /// <summary>
    /// A street's confirmed budget for the year as published (阳光政务). Field names are a stable contract;
    /// amounts are strings with exactly two decimals so no client reads them as binary floating point.
    /// </summary>
    public sealed record StreetBudgetDto(
        [property: JsonPropertyName("district_id")] long DistrictId,
        [property: JsonPropertyName("street_id")] long StreetId,
        [property: JsonPropertyName("district")] string District,
        [property: JsonPropertyName("street")] string Street,
        [property: JsonPropertyName("year")] int Year,
        [property: JsonPropertyName("budget_total")] string BudgetTotal,
        [property: JsonPropertyName("floor")] string Floor,
        [property: JsonPropertyName("meets_floor")] bool MeetsFloor,
        [property: JsonPropertyName("previous_year_total")] string? PreviousYearTotal,
        [property: JsonPropertyName("meets_growth")] bool MeetsGrowth,
        [property: JsonPropertyName("committed")] string Committed,
        [property: JsonPropertyName("disbursed")] string Disbursed,
        [property: JsonPropertyName("available")] string Available,
        [property: JsonPropertyName("funding_sources")] IReadOnlyList<FundingDto> FundingSources);

    /// <summary>GET /api/public/budgets?year= — every street's confirmed budget of the year, no login.</summary>
    public static void MapPublicBudgetsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/public/budgets", async (AppDbContext db, TimeProvider clock, string? year, CancellationToken ct) =>
            {
                var y = BudgetQueries.CurrentYear(clock);
                if (!string.IsNullOrWhiteSpace(year) &&
                    (!int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out y)
                     || y < StreetBudgetKey.MinYear || y > StreetBudgetKey.MaxYear))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["year"] = [$"年度应为 {StreetBudgetKey.MinYear}–{StreetBudgetKey.MaxYear} 之间的整数"],
                    }, title: "参数不正确");
                }
                var streets = await BudgetQueries.YearAsync(db, y, null, confirmedOnly: true, ct);
                return Results.Ok(streets.Where(s => s.Row is not null).Select(s => new StreetBudgetDto(
                    s.DistrictId, s.StreetId, s.District, s.Street, s.Year, MoneyFormat.Number(s.Standing.Total), MoneyFormat.Number(s.Standing.Floor),
                    s.Standing.MeetsFloor, s.Standing.PreviousYearTotal is { } p ? MoneyFormat.Number(p) : null,
                    s.Standing.MeetsGrowth, MoneyFormat.Number(s.Row!.Committed), MoneyFormat.Number(s.Row.Disbursed),
                    MoneyFormat.Number(s.Row.Available),
                    [.. s.Sources.Select(x => new FundingDto(x.Source.ToString(), x.Source.Chinese(), MoneyFormat.Number(x.Allocated)))])).ToList());
            })
            .WithName("PublicBudgets")
            .WithSummary("各街道年度购买服务预算及执行（公开，无需登录）")
            .WithTags("public")
            .AllowAnonymous();
}
