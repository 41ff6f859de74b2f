using System.Net;
using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Security;

/// <summary>
/// The app behind a reverse proxy at 10.0.0.5 (docs/DEPLOY.md): HTTPS on, forwarded headers trusted from
/// that proxy only, and a public-JSON allowance of two so that whose address is counted shows.
/// </summary>
public sealed class BehindProxyApp : IAsyncLifetime
{
    public const string Proxy = "10.0.0.5";

    public MarketplaceAppFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Security:RequireHttps"] = "true",
            ["Security:ForwardedHeaders:Enabled"] = "true",
            ["Security:ForwardedHeaders:KnownProxies:0"] = Proxy,
            ["Security:Limits:PublicJson:Permits"] = "2",
            ["Security:Limits:PublicJson:WindowSeconds"] = "3600",
        };
        // Outermost of all (index 0), before the forwarded-headers middleware reads the connection.
        Factory = new MarketplaceAppFactory(TestDatabase.Create(DatabaseTarget.Sqlite), settings,
            services => services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter, PeerAddressFilter>()));
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Factory.Database.Dispose();
    }

    /// <summary>Gives the connection the TCP peer named in X-Test-Peer (the in-memory test server has none).</summary>
    private sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[Peer] is [{ } address] && IPAddress.TryParse(address, out var ip))
                {
                    context.Connection.RemoteIpAddress = ip;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public const string Peer = "X-Test-Peer";
}

/// <summary>
/// X-Forwarded-For/-Proto are believed from the configured proxy only: through it the app sees the
/// client's address (each client its own abuse allowance) and HTTPS (no redirect, HSTS, Secure cookies);
/// the same headers sent from any other address change nothing.
/// </summary>
public sealed class ForwardedHeadersTests(BehindProxyApp app) : IClassFixture<BehindProxyApp>
{
    private const string Host = "marketplace.example.cn";

    private HttpClient Client(string peer, string scheme = "http")
    {
        var client = app.Factory.CreateDefaultClient(new Uri($"{scheme}://{Host}"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.RedirectHandler(0));
        client.DefaultRequestHeaders.Add(BehindProxyApp.Peer, peer);
        return client;
    }

    private static HttpRequestMessage Get(string path, string? forwardedFor, string? forwardedProto = "https")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }
        return request;
    }

    [Fact]
    public async Task Through_the_proxy_the_request_is_https_with_hsts_and_secure_cookies()
    {
        using var client = Client(BehindProxyApp.Proxy);
        var page = await client.SendAsync(Get("/Account/Login", "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // not redirected: the app saw https
        Assert.Contains("max-age=", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")));
        var cookies = page.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Through_the_proxy_each_client_address_has_its_own_allowance()
    {
        using var client = Client(BehindProxyApp.Proxy);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get("/api/public/catalog", "203.0.113.10"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(Get("/api/public/catalog", "203.0.113.10"))).StatusCode);
        // Another client behind the same proxy is not refused for the first one's requests.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get("/api/public/catalog", "203.0.113.11"))).StatusCode);
    }

    [Fact]
    public async Task From_another_address_a_forwarded_proto_is_ignored()
    {
        using var client = Client("198.51.100.20");
        var response = await client.SendAsync(Get("/Account/Login", "203.0.113.2"));
        Assert.True(response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect, $"{(int)response.StatusCode}");
        Assert.Equal($"https://{Host}/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task From_another_address_forwarded_clients_share_the_senders_allowance()
    {
        using var client = Client("198.51.100.21", "https");
        // Each request claims a different client; all are counted against the sender's own address.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get("/api/public/catalog", "203.0.113.20", null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get("/api/public/catalog", "203.0.113.21", null))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(Get("/api/public/catalog", "203.0.113.22", null))).StatusCode);
    }
}
