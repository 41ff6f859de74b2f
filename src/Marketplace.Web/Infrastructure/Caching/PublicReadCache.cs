using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Web.Infrastructure.Caching;

/// <summary>
/// Output cache of the anonymous public JSON reads (catalog, tenders, organizations): the same query is
/// answered from memory until a change. Every saved change on this silo evicts them at once
/// (<see cref="PublicReadEviction"/>); the one-second expiry bounds what another silo or a write outside
/// SaveChanges can leave stale, so a change is public within 1 s (issue 15). Logged-in requests and
/// responses that set cookies are never cached (the output cache's default policy).
/// </summary>
public static class PublicReadCache
{
    public const string Policy = "public-read";
    public const string Tag = "public-read";
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(1);

    public static IServiceCollection AddPublicReadCache(this IServiceCollection services)
    {
        services.AddOutputCache(o => o.AddPolicy(Policy, b => b.Expire(Expiry).Tag(Tag)));
        services.AddSingleton<PublicReadEviction>();
        return services;
    }

    /// <summary>Marks a public read endpoint as cached under <see cref="Policy"/> (varies by every query key).</summary>
    public static TBuilder CachePublicRead<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.CacheOutput(Policy);
}

/// <summary>Evicts the cached public reads after every successful SaveChanges of the app's database.</summary>
public sealed class PublicReadEviction(IOutputCacheStore store) : SaveChangesInterceptor
{
    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await store.EvictByTagAsync(PublicReadCache.Tag, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        // The in-memory store completes synchronously.
        store.EvictByTagAsync(PublicReadCache.Tag, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }
}
