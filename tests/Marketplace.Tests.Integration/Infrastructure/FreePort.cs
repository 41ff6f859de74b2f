using System.Net;
using System.Net.Sockets;

namespace Marketplace.Tests.Integration.Infrastructure;

public static class FreePort
{
    /// <summary>A TCP port nobody listens on right now, for silo, gateway and Kestrel ports of a test host.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
