using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.Tests.Integration.Infrastructure;

/// <summary>
/// The real app on Kestrel (a real socket on loopback) and Debian's Chromium driven by Playwright.
/// Chromium's own download does not work here, so the system browser is used; without it the browser
/// tests are skipped with that reason printed.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private MarketplaceAppFactory? _factory;

    public string? SkipReason { get; } = File.Exists(ChromiumPath) ? null : $"Browser tests skipped: no Chromium at {ChromiumPath} (apt-get install chromium).";
    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";
    public MarketplaceAppFactory Factory => _factory!;

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }
        _factory = new MarketplaceAppFactory(TestDatabase.Create(DatabaseTarget.Sqlite), services: ConfigureServices);
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>Lets a fixture for one feature replace a service of the app (e.g. the server clock).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "zh-CN" });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory.Database.Dispose();
        }
    }
}
