using Microsoft.AspNetCore.OutputCaching;

namespace Marketplace.Web.Infrastructure.Caching;

/// <summary>
/// Output cache of the anonymous public JSON reads (catalog, tenders, organizations): the same query is
/// answered from memory until a change. A saved change on this silo evicts the reads built from the tables
/// it touched (<see cref="PublicReadEviction"/>); the one-second expiry bounds what another silo or a write
/// outside SaveChanges can leave stale, so a change is public within 1 s (issue 15). Logged-in requests and
/// responses that set cookies are never cached (the output cache's default policy).
/// </summary>
public static class PublicReadCache
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(1);

    public static IServiceCollection AddPublicReadCache(this IServiceCollection services)
    {
        services.AddOutputCache(o =>
        {
            foreach (var read in PublicReads.All)
            {
                o.AddPolicy(read.Tag, b => b.Expire(Expiry).Tag(read.Tag));
            }
        });
        services.AddSingleton<Features.Catalog.CatalogSnapshot>();
        services.AddSingleton<PublicReadEviction>();
        return services;
    }

    /// <summary>Marks a public read endpoint as cached for <paramref name="read"/> (varies by every query key).</summary>
    public static TBuilder CachePublicRead<TBuilder>(this TBuilder endpoint, PublicRead read) where TBuilder : IEndpointConventionBuilder =>
        endpoint.CacheOutput(read.Tag);
}
