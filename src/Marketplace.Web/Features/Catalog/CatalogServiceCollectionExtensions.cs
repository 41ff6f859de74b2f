using Marketplace.Catalog;
using Marketplace.Web.Infrastructure.GrainStorage;

namespace Marketplace.Web.Features.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddCatalogFeature(this IServiceCollection services)
    {
        services.AddSingleton<ICatalogReferenceData, CatalogReferenceData>();
        services.AddSingleton<IGrainStateProjection, CatalogProjection>();
        return services;
    }
}
