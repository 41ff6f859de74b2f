using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Security;

/// <summary>The real app on Kestrel (a real socket, so the Server header is Kestrel's own).</summary>
public sealed class KestrelApp() : ConfiguredApp(new Dictionary<string, string?>(), kestrel: true)
{
    public Uri BaseUrl { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        BaseUrl = new Uri(Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseUrl };
}

/// <summary>
/// Every response — public pages, signed-in pages, JSON, static files, error pages — carries the security
/// headers and no Server header; no page has an inline script or on… handler, which the policy would block.
/// </summary>
public sealed partial class SecurityHeadersTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    private static readonly string[] PublicUrls =
    [
        "/", "/Catalog", "/Budgets", "/Tenders", "/Organizations", "/Contracts", "/Organizations/Register", "/Account/Login",
        "/api/public/catalog", "/api/public/budgets", "/css/site.css", "/js/nav.js", "/healthz", "/no-such-page", "/Street/Budget",
    ];

    private static readonly (string User, string[] Urls)[] SignedIn =
    [
        ("dongshan", ["/Street/Budget", "/Street/Catalog", "/Street/Tenders", "/Street/Contracts", "/Notifications"]),
        ("admin.jiangning", ["/District/Guiding", "/District/Budgets", "/District/Reports", "/District/Organizations", "/district/organizations/negative-entries",
            "/District/Experts", "/District/Calendar", "/District/Contracts", "/hangfire"]),
        ("lejia", ["/Ngo/Organization", "/Ngo/Contracts"]),
        ("expert.zhao", ["/Evaluator/Reviews", "/Evaluator/Evaluations"]),
        ("ops", ["/hangfire"]),
    ];

    [Fact]
    public async Task Public_pages_carry_the_security_headers()
    {
        using var client = app.Client(new CookieContainer());
        foreach (var url in PublicUrls)
        {
            await AssertHeadersAsync(await client.GetAsync(url), url);
        }
    }

    [Fact]
    public async Task Signed_in_pages_carry_the_security_headers()
    {
        foreach (var (user, urls) in SignedIn)
        {
            using var client = app.Client(new CookieContainer());
            var token = AppSession.AntiforgeryToken(await (await client.GetAsync("/Account/Login")).Content.ReadAsStringAsync());
            var login = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = user, ["Input.Password"] = AppSession.DemoPassword, ["__RequestVerificationToken"] = token,
            }));
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            await AssertHeadersAsync(login, user + " login");
            foreach (var url in urls)
            {
                var response = await client.GetAsync(url);
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"{user} {url}: {(int)response.StatusCode}");
                await AssertHeadersAsync(response, $"{user} {url}");
            }
        }
    }

    private static async Task AssertHeadersAsync(HttpResponseMessage response, string what)
    {
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scriptSrc);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"), $"{what}: Server header {string.Join(",", response.Headers.Server)}");
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(!InlineScript().IsMatch(html), $"{what}: inline <script> — {InlineScript().Match(html).Value}");
            Assert.True(!InlineHandler().IsMatch(html), $"{what}: inline handler — {InlineHandler().Match(html).Value}");
        }
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
