using Marketplace.Organizations;
using Marketplace.Web.Infrastructure.GrainStorage;

namespace Marketplace.Web.Features.Organizations;

public static class OrganizationsServiceCollectionExtensions
{
    public static IServiceCollection AddOrganizationsFeature(this IServiceCollection services)
    {
        services.AddSingleton<IOrganizationReferenceData, OrganizationReferenceData>();
        services.AddSingleton<IGrainStateProjection, OrganizationProjection>();
        services.AddSingleton<IOrganizationEligibility, OrganizationEligibility>();
        services.AddSingleton<IOrganizationTimers, OrganizationTimers>();
        services.AddOptions<OrganizationOptions>().BindConfiguration("Organizations");
        return services;
    }

    /// <summary>What only the web host needs (accounts, files, imports): kept out of the silo's services.</summary>
    public static IServiceCollection AddOrganizationsWeb(this IServiceCollection services)
    {
        services.AddSingleton<DocumentStore>();
        services.AddScoped<OrganizationRegistration>();
        services.AddSingleton<Infrastructure.Jobs.IDueWorkHandler, RegistrationExpiryHandler>();
        services.AddScoped<DirectoryImport>();
        return services;
    }

    /// <summary>The feature's endpoints: the public directory JSON and document downloads.</summary>
    public static void MapOrganizationsFeature(this IEndpointRouteBuilder app)
    {
        app.MapPublicOrganizationsApi();
        app.MapOrganizationDocuments();
    }
}
