using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Marketplace.Tests.Integration.Infrastructure;

/// <summary>
/// A person using the site through HTTP: keeps cookies, follows no redirects (tests look at them), reads
/// antiforgery tokens out of forms and posts forms the way a browser does.
/// </summary>
public sealed partial class AppSession : IDisposable
{
    public AppSession(MarketplaceAppFactory factory, CookieContainer? cookies = null)
    {
        Factory = factory;
        Cookies = cookies ?? new CookieContainer();
        Http = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(Cookies));
    }

    public MarketplaceAppFactory Factory { get; }
    public CookieContainer Cookies { get; }
    public HttpClient Http { get; }

    public const string DemoPassword = "Demo@2026";

    public static async Task<AppSession> LoginAsync(MarketplaceAppFactory factory, string userName, string password = DemoPassword)
    {
        var session = new AppSession(factory);
        var response = await session.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login of {userName} failed: {(int)response.StatusCode}");
        }
        return session;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<string> GetHtmlAsync(string url)
    {
        var response = await Http.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
        }
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Loads the page at <paramref name="formPage"/>, takes its antiforgery token and posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, Dictionary<string, string> fields, string? action = null)
    {
        var html = await GetHtmlAsync(formPage);
        var token = AntiforgeryToken(html);
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
            .Append(new("__RequestVerificationToken", token));
        return await Http.PostAsync(action ?? formPage, new FormUrlEncodedContent(all));
    }

    /// <summary>Posts with repeated keys (checkbox lists), taking the token from <paramref name="formPage"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var token = AntiforgeryToken(await GetHtmlAsync(formPage));
        return await Http.PostAsync(action ?? formPage, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token on the page.");

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
