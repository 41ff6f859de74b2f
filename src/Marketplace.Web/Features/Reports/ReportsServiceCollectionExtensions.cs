using Marketplace.Reports;
using Marketplace.Web.Infrastructure.Jobs;

namespace Marketplace.Web.Features.Reports;

public static class ReportsServiceCollectionExtensions
{
    public static IServiceCollection AddReportsFeature(this IServiceCollection services)
    {
        // PDFs render below the request threads' priority; Reports:RenderNice 0 renders at theirs (the bench's baseline).
        services.AddSingleton(sp => new ReportRenderLane(
            sp.GetRequiredService<IConfiguration>().GetValue("Reports:RenderNice", ReportRenderLane.DefaultNice)
            is var nice && nice is >= 0 and <= 19 ? nice : ReportRenderLane.DefaultNice));
        services.AddSingleton<BudgetReportData>();
        services.AddSingleton<IReportProducer, AllDistrictsReportProducer>();
        services.AddSingleton<ReportRuns>();
        services.AddSingleton<IDueWorkHandler>(sp => sp.GetRequiredService<ReportRuns>());
        return services;
    }
}
