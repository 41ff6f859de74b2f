using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Infrastructure;

/// <summary>
/// The real application (Razor Pages, Orleans silo, Hangfire, Identity, seed data) on a real database.
/// Several can run side by side: each gets its own database and its own silo ports. Two factories on
/// the same <see cref="TestDatabase"/> one after the other model a restart.
/// </summary>
public sealed class MarketplaceAppFactory(
    TestDatabase database, IReadOnlyDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    /// <summary>
    /// No inotify watcher per host: each host would watch its appsettings files and, for <c>asp-append-version</c>,
    /// wwwroot with an inotify instance each, and the suite keeps more hosts alive at once than Linux's default of 128
    /// instances per user allows (the hosts started after that failed with "The configured user limit (128) on the
    /// number of inotify instances"). Settings are not reloaded, and the web root is watched by polling (the file
    /// providers' DOTNET_USE_POLLING_FILE_WATCHER). Read by every host built in this process.
    /// </summary>
    static MarketplaceAppFactory()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>(Database.Settings())
        {
            ["Silo:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // Tests move the product's clock and run timed work by hand (DueWorkRunner); a periodic sweep would hand
        // the same work to Hangfire behind their backs. The sweep's own tests switch it on through `extra`.
        settings["DueWork:SweepInterval"] = "00:00:00";
        // Tests sign in and post far more often from one address than a person does; the abuse-limit
        // tests set their own low limits through `extra`.
        foreach (var limit in (string[])["Login", "Registration", "Objection", "PublicForm", "PublicJson"])
        {
            settings[$"Security:Limits:{limit}:Permits"] = "1000000";
        }
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }
        // Settings given to the host builder win over appsettings.json, as command-line switches do.
        foreach (var (k, v) in settings)
        {
            builder.UseSetting(k, v);
        }
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
        // After the app's and the fixture's registrations: every host records the codes it sends (SentCodes).
        builder.ConfigureTestServices(SentCodes.Capture);
    }
}
