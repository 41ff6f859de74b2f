using Marketplace.Tendering;
using Marketplace.Web.Infrastructure.GrainStorage;
using Marketplace.Web.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Web.Features.Tendering;

public static class TenderingServiceCollectionExtensions
{
    public static IServiceCollection AddTenderingFeature(this IServiceCollection services)
    {
        services.AddSingleton<IGrainStateProjection, TenderProjection>();
        // What lies outside Orleans: the database's timed work and the submission log's table.
        services.TryAddSingleton<ITenderTimers, TenderTimers>();
        services.TryAddSingleton<ITenderSubmissionLog, TenderSubmissionLog>();
        services.AddSingleton<IDueWorkHandler, TenderCloseHandler>();
        services.AddSingleton<IDueWorkHandler, TenderPublicityEndHandler>();
        services.AddSingleton<IDueWorkHandler, TenderDeclarationDueHandler>();
        return services;
    }
}
