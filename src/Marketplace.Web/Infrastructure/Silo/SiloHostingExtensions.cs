using Orleans.Configuration;
using StackExchange.Redis;

namespace Marketplace.Web.Infrastructure.Silo;

public static class SiloHostingExtensions
{
    /// <summary>Co-hosts the Orleans silo in the web process; grain state lives in the application database.</summary>
    public static void AddMarketplaceSilo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Silo").Get<SiloOptions>() ?? new SiloOptions();
        builder.UseOrleans(silo =>
        {
            if (options.Clustering == ClusteringMode.Redis)
            {
                if (string.IsNullOrWhiteSpace(options.RedisConnectionString))
                {
                    throw new InvalidOperationException("Silo:RedisConnectionString is required when Orleans:Clustering is Redis.");
                }
                silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(options.RedisConnectionString));
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = options.ClusterId;
                    o.ServiceId = options.ServiceId;
                });
                silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort);
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, null, options.ServiceId, options.ClusterId);
            }
            silo.Services.AddMarketplaceGrainServices();
        });
    }
}
