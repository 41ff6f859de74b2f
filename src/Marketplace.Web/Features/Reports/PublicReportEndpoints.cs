using Marketplace.Budgets;
using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Web.Data;

namespace Marketplace.Web.Features.Reports;

public static class PublicReportEndpoints
{
    /// <summary>
    /// The published budget reports, no login (阳光政务): one street or one district for a year, with the
    /// ids the public budgets JSON shows, with the same figures and status as the JSON and the pages.
    /// </summary>
    public static void MapPublicReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/reports/budget/{year:int}").AllowAnonymous().WithTags("public");
        group.MapGet("/street/{streetId:long}.pdf", async (int year, long streetId, AppDbContext db, BudgetReportData data, ReportRenderLane lane, CancellationToken ct) =>
            {
                if (year is < StreetBudgetKey.MinYear or > StreetBudgetKey.MaxYear)
                {
                    return Results.NotFound();
                }
                var model = await data.StreetAsync(db, streetId, year, ct);
                return model is null ? Results.NotFound()
                    : await PdfAsync(lane, new StreetBudgetReport(model), $"{model.Street}{year}年购买服务预算执行报告.pdf");
            })
            .WithName("PublicStreetBudgetReport").WithSummary("街道年度购买服务预算执行报告（PDF）");
        group.MapGet("/district/{districtId:long}.pdf", async (int year, long districtId, AppDbContext db, BudgetReportData data, ReportRenderLane lane, CancellationToken ct) =>
            {
                if (year is < StreetBudgetKey.MinYear or > StreetBudgetKey.MaxYear)
                {
                    return Results.NotFound();
                }
                var model = await data.DistrictAsync(db, districtId, year, ct);
                return model is null ? Results.NotFound()
                    : await PdfAsync(lane, new DistrictBudgetReport(model), $"{model.District}{year}年街道购买服务预算执行汇总.pdf");
            })
            .WithName("PublicDistrictBudgetReport").WithSummary("区街道购买服务预算执行汇总报告（PDF）");
    }

    internal static async Task<IResult> PdfAsync(ReportRenderLane lane, IReportDocument document, string fileName) =>
        Results.File(await lane.RenderAsync(document), "application/pdf", fileName);
}
