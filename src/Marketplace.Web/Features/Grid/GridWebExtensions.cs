using Marketplace.Web.Infrastructure.Verification;

namespace Marketplace.Web.Features.Grid;

public static class GridWebExtensions
{
    /// <summary>The web side of the grid feature: the grid import and residents' phone verification.</summary>
    public static IServiceCollection AddGridWeb(this IServiceCollection services)
    {
        services.AddScoped<GridImport>();
        services.AddScoped<GridWorkerAccounts>();
        services.AddScoped<ServiceMenu>();
        services.AddScoped<AnsweredNeeds>();
        services.AddSingleton<MatterPhotos>();
        services.AddSingleton<GridFigures>();
        services.AddVerificationCodes();
        return services;
    }
}
