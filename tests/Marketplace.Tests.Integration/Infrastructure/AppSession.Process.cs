using System.Net;

namespace Marketplace.Tests.Integration.Infrastructure;

public sealed partial class AppSession
{
    /// <summary>A browser (signed in or not) against an app running as a process (<see cref="AppProcess"/>); it has no in-memory factory.</summary>
    public AppSession(Uri baseAddress, CookieContainer? cookies = null)
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
    /// The same person, with the same cookies, on another process of the cluster (a proxy sending the next
    /// request elsewhere) or on the process started after a crash: cookies for 127.0.0.1 are sent to every port.
    /// </summary>
    public AppSession On(AppProcess other) => new(other.BaseAddress, Cookies);

    /// <summary>Posts a form with a token read earlier (a page loaded before a restart and submitted after it).</summary>
    public Task<HttpResponseMessage> PostWithTokenAsync(string action, string token, IEnumerable<KeyValuePair<string, string>> fields) =>
        Http.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
}
