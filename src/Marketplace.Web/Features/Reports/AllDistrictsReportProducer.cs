using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Reports;

/// <summary>The budget report of every district in one PDF: large, so it runs as a background job.</summary>
public sealed class AllDistrictsReportProducer(IDbContextFactory<AppDbContext> dbFactory, BudgetReportData data, ReportRenderLane renderLane) : IReportProducer
{
    public const string ReportKind = "budget.all-districts";

    public string Kind => ReportKind;

    public async Task ProduceAsync(ReportRunRequest request, Stream output, IProgress<int> progress, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var model = await data.AllAsync(db, request.Year, progress, ct);
        await renderLane.RenderToAsync(new AllDistrictsBudgetReport(model), output);
        progress.Report(99);
    }
}
