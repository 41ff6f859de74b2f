using System.Text.Json.Serialization;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Web.Data;

namespace Marketplace.Web.Features.Budgets;

public static class PublicBudgetsApi
{
    /// <summary>
    /// The public JSON's answer to a year outside the budget years (problem+json, 400). Shared by every endpoint
    /// with a year parameter: year 0 or −1 cannot even be made a date (the OCDS package dated its releases from it).
    /// </summary>
    public static IResult YearRefused() => Results.ValidationProblem(new Dictionary<string, string[]>
    {
        ["year"] = [$"年度应为 {StreetBudgetKey.MinYear}–{StreetBudgetKey.MaxYear} 之间的整数"],
    }, title: "参数不正确");

    public static bool IsBudgetYear(int year) => year is >= StreetBudgetKey.MinYear and <= StreetBudgetKey.MaxYear;

    /// <summary>One funding source's share of a street's budget.</summary>
    public sealed record FundingDto(
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("amount")] string Amount);

    /// <summary>
    /// A street's budget for the year as published (阳光政务), with the same figures and status as the pages and
    /// the PDF reports. Field names are a stable contract; amounts are strings with exactly two decimals so no
    /// client reads them as binary floating point. budget_total is the latest entered figure (status says
    /// whether the district confirmed it); available = allocated − encumbered − committed − disbursed.
    /// </summary>
    public sealed record StreetBudgetDto(
        [property: JsonPropertyName("district_id")] long DistrictId,
        [property: JsonPropertyName("street_id")] long StreetId,
        [property: JsonPropertyName("district")] string District,
        [property: JsonPropertyName("street")] string Street,
        [property: JsonPropertyName("year")] int Year,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("budget_total")] string BudgetTotal,
        [property: JsonPropertyName("floor")] string Floor,
        [property: JsonPropertyName("meets_floor")] bool MeetsFloor,
        [property: JsonPropertyName("previous_year_total")] string? PreviousYearTotal,
        [property: JsonPropertyName("meets_growth")] bool MeetsGrowth,
        [property: JsonPropertyName("allocated")] string Allocated,
        [property: JsonPropertyName("encumbered")] string Encumbered,
        [property: JsonPropertyName("committed")] string Committed,
        [property: JsonPropertyName("disbursed")] string Disbursed,
        [property: JsonPropertyName("available")] string Available,
        [property: JsonPropertyName("funding_sources")] IReadOnlyList<FundingDto> FundingSources);

    /// <summary>GET /api/public/budgets?year= — every street's entered budget of the year with its status, no login.</summary>
    public static void MapPublicBudgetsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/public/budgets", async (AppDbContext db, TimeProvider clock, string? year, CancellationToken ct) =>
            {
                var y = BudgetQueries.CurrentYear(clock);
                if (!string.IsNullOrWhiteSpace(year) &&
                    (!int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out y)
                     || !IsBudgetYear(y)))
                {
                    return YearRefused();
                }
                var streets = await BudgetQueries.YearAsync(db, y, null, ct);
                return Results.Ok(streets.Where(s => s.Row is not null).Select(s => new StreetBudgetDto(
                    s.DistrictId, s.StreetId, s.District, s.Street, s.Year, s.StatusText, MoneyFormat.Number(s.Standing.Total), MoneyFormat.Number(s.Standing.Floor),
                    s.Standing.MeetsFloor, s.Standing.PreviousYearTotal is { } p ? MoneyFormat.Number(p) : null,
                    s.Standing.MeetsGrowth, MoneyFormat.Number(s.Figures.Allocated), MoneyFormat.Number(s.Figures.Encumbered),
                    MoneyFormat.Number(s.Figures.Committed), MoneyFormat.Number(s.Figures.Disbursed), MoneyFormat.Number(s.Figures.Available),
                    [.. s.Sources.Select(x => new FundingDto(x.Source.ToString(), x.Source.Chinese(), MoneyFormat.Number(x.Planned)))])).ToList());
            })
            .WithName("PublicBudgets")
            .WithSummary("各街道年度购买服务预算及执行（公开，无需登录）")
            .WithTags("public")
            .AllowAnonymous();
}
