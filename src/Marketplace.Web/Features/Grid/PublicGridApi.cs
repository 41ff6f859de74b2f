using Marketplace.Grid;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Web.Features.Grid;

/// <summary>
/// GET /api/public/grid/streets/{streetId}: a street's on-time and satisfaction figures per 村(社区) and grid.
/// Counts only: no matter's text, place, resident name or phone is ever part of it.
/// </summary>
public static class PublicGridApi
{
    public sealed record FiguresJson(int Matters, int Closed, int ClosedOnTime, decimal? OnTimeRate, int Ratings, int VerySatisfied, decimal? VerySatisfiedRate);

    public sealed record RowJson(string Name, FiguresJson Figures);

    public sealed record StreetJson(long StreetId, string Street, FiguresJson Total, IReadOnlyList<RowJson> Communities, IReadOnlyList<RowJson> Grids);

    public static IEndpointRouteBuilder MapPublicGridApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/grid/streets/{streetId:long}", GetStreetAsync).AllowAnonymous();
        return app;
    }

    public static FiguresJson Json(MatterFigures f) =>
        new(f.Matters, f.Closed, f.ClosedOnTime, f.OnTimeRate, f.Ratings, f.VerySatisfied, f.VerySatisfiedRate);

    public static async Task<Results<Ok<StreetJson>, NotFound>> GetStreetAsync(long streetId, GridFigures figures, CancellationToken ct)
    {
        if (await figures.ForStreetAsync(streetId, ct) is not { } s)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(new StreetJson(s.StreetId, s.Street, Json(s.Total),
            [.. s.Communities.Select(r => new RowJson(r.Name, Json(r.Figures)))], [.. s.Grids.Select(r => new RowJson(r.Name, Json(r.Figures)))]));
    }
}
