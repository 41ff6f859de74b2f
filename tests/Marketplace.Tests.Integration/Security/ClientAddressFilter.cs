using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Security;

/// <summary>
/// Gives each test request the client address named in its X-Test-Client header (the in-memory test server
/// has none), so tests can act as several people on several networks against the app's own limits.
/// Only test hosts add it.
/// </summary>
internal sealed class ClientAddressFilter : IStartupFilter
{
    public const string Header = "X-Test-Client";

    public static void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter, ClientAddressFilter>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers[Header] is [{ } address] && IPAddress.TryParse(address, out var ip))
            {
                context.Connection.RemoteIpAddress = ip;
            }
            return nextMiddleware(context);
        });
        next(app);
    };
}
