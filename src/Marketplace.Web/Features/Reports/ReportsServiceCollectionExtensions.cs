using Marketplace.Web.Infrastructure.Jobs;

namespace Marketplace.Web.Features.Reports;

public static class ReportsServiceCollectionExtensions
{
    public static IServiceCollection AddReportsFeature(this IServiceCollection services)
    {
        services.AddSingleton<BudgetReportData>();
        services.AddSingleton<IReportProducer, AllDistrictsReportProducer>();
        services.AddSingleton<ReportRuns>();
        services.AddSingleton<IDueWorkHandler>(sp => sp.GetRequiredService<ReportRuns>());
        return services;
    }
}
