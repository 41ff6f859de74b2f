using Marketplace.Web.Infrastructure.Verification;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Web.Features.Ratings;

public static class RatingsServiceCollectionExtensions
{
    /// <summary>TryAdd: a host (or a test) that registers its own sender keeps it.</summary>
    public static IServiceCollection AddResidentRatings(this IServiceCollection services)
    {
        services.TryAddSingleton<IVerificationCodeSender, LoggingVerificationCodeSender>();
        return services;
    }

    /// <summary>The device cookie the per-device rating limit counts by (no personal data: a random id).</summary>
    public const string DeviceCookie = "mp_device";
}
