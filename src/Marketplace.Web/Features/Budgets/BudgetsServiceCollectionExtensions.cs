using Marketplace.Budgets;
using Marketplace.Web.Infrastructure.GrainStorage;

namespace Marketplace.Web.Features.Budgets;

public static class BudgetsServiceCollectionExtensions
{
    public static IServiceCollection AddBudgetsFeature(this IServiceCollection services)
    {
        services.AddSingleton<IBudgetPolicySource, BudgetPolicySource>();
        services.AddSingleton<IGrainStateProjection, StreetBudgetProjection>();
        return services;
    }
}
