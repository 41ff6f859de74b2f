using System.Net;

namespace Marketplace.Tests.Integration.Infrastructure;

public sealed partial class AppSession
{
    /// <summary>A browser against an app running as a process (<see cref="AppProcess"/>); it has no in-memory factory.</summary>
    private AppSession(Uri baseAddress, CookieContainer? cookies = null)
    {
        Factory = null!;
        Cookies = cookies ?? new CookieContainer();
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public static async Task<AppSession> LoginAsync(AppProcess app, string userName)
    {
        var session = new AppSession(app.BaseAddress);
        var response = await session.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = DemoPassword });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login of {userName} failed: {(int)response.StatusCode}");
        }
        return session;
    }

    /// <summary>
    /// The same browser (its cookies: session, antiforgery) against another process of the app, e.g. the one
    /// started after a crash; cookies are per host, not per port, so they go along as a browser would send them.
    /// </summary>
    public AppSession Reconnect(AppProcess app) => new(app.BaseAddress, Cookies);

    /// <summary>Posts a form with a token read earlier (a page loaded before a restart and submitted after it).</summary>
    public Task<HttpResponseMessage> PostWithTokenAsync(string action, string token, IEnumerable<KeyValuePair<string, string>> fields) =>
        Http.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
}
