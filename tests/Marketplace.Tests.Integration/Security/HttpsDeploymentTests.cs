using System.Net;
using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Marketplace.Tests.Integration.Security;

/// <summary>The app as deployed behind HTTPS: Security:RequireHttps on.</summary>
public sealed class HttpsApp() : ConfiguredApp(new Dictionary<string, string?> { ["Security:RequireHttps"] = "true" });

/// <summary>With RequireHttps: plain HTTP is redirected, HTTPS answers carry HSTS, and every cookie is Secure.</summary>
public sealed class HttpsDeploymentTests(HttpsApp app) : IClassFixture<HttpsApp>
{
    // Not localhost: HSTS is never sent to localhost, where it would pin a developer's browser.
    private const string Host = "marketplace.example.cn";

    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        using var client = app.Factory.CreateDefaultClient(new Uri($"http://{Host}"), new RedirectHandler(0));
        var response = await client.GetAsync("/Catalog");
        Assert.True(response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect, $"{(int)response.StatusCode}");
        Assert.Equal($"https://{Host}/Catalog", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Https_answers_carry_hsts_and_the_sign_in_and_antiforgery_cookies_are_secure()
    {
        var cookies = new CookieContainer();
        using var client = app.Factory.CreateDefaultClient(new Uri($"https://{Host}"), new CookieContainerHandler(cookies));
        var page = await client.GetAsync("/Account/Login");
        Assert.Contains("max-age=", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")));
        var token = AppSession.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        var login = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "dongshan", ["Input.Password"] = AppSession.DemoPassword, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var all = cookies.GetAllCookies();
        Assert.Contains(all, c => c.Name == "marketplace.auth");
        Assert.Contains(all, c => c.Name.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.All(all, c => Assert.True(c.Secure, $"cookie {c.Name} is not Secure"));
    }
}
