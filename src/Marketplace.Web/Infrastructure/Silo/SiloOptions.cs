namespace Marketplace.Web.Infrastructure.Silo;

public enum ClusteringMode
{
    /// <summary>One silo on this machine (the default).</summary>
    Localhost,

    /// <summary>Several silos that find each other through Redis.</summary>
    Redis,
}

/// <summary>Configuration section "Silo" (not "Orleans": Orleans binds that one itself). Ports come from here so test hosts never collide.</summary>
public sealed class SiloOptions
{
    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public string ClusterId { get; set; } = "marketplace";
    public string ServiceId { get; set; } = "marketplace";
    public string? RedisConnectionString { get; set; }
}
