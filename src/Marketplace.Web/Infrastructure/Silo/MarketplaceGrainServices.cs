using Marketplace.Persistence;
using Marketplace.Web.Features.Budgets;
using Marketplace.Web.Features.Catalog;
using Marketplace.Web.Features.Contracts;
using Marketplace.Web.Features.Grid;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Rounds;
using Marketplace.Web.Features.Tendering;
using Marketplace.Web.Infrastructure.Audit;
using Marketplace.Web.Infrastructure.GrainStorage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;

namespace Marketplace.Web.Infrastructure.Silo;

public static class MarketplaceGrainServices
{
    /// <summary>
    /// Everything the grains need besides the database: grain storage, the read-model projections and
    /// each feature's services. Used by the web host and by the test cluster alike, so the two never drift.
    /// </summary>
    public static IServiceCollection AddMarketplaceGrainServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        KeepOrleansOnRealTime(services);
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Marketplace,
            (sp, _) => ActivatorUtilities.CreateInstance<EfGrainStorage>(sp));
        services.AddSingleton<IIncomingGrainCallFilter, AuditCallFilter>();
        services.AddCatalogFeature();
        services.AddBudgetsFeature();
        services.AddOrganizationsFeature();
        services.AddTenderingFeature();
        services.AddContractsFeature();
        services.AddRoundsFeature();
        services.AddGridFeature();
        return services;
    }

    /// <summary>The areas of the Orleans runtime whose loops measure real elapsed time.</summary>
    public static readonly string[] RuntimeClockAreas =
    [
        TimeProviderNames.Membership, TimeProviderNames.SystemTimers, TimeProviderNames.Messaging,
        TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory,
    ];

    /// <summary>
    /// The product's clock (the unkeyed <see cref="TimeProvider"/>: deadlines, 公示 periods, audit times) may be
    /// replaced, as tests do to stand past a deadline. Orleans reads that same registration for its heartbeats,
    /// health checks and request timeouts unless an area has its own: a clock moved six hours made a restarted silo
    /// judge itself unhealthy and stop. Those areas always run on the system clock.
    /// </summary>
    private static void KeepOrleansOnRealTime(IServiceCollection services)
    {
        foreach (var area in RuntimeClockAreas)
        {
            services.AddKeyedSingleton(area, TimeProvider.System);
        }
    }
}
