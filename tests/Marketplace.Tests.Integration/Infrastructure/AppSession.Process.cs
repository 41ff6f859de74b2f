using System.Net;

namespace Marketplace.Tests.Integration.Infrastructure;

public sealed partial class AppSession
{
    /// <summary>A browser against an app running as a process (<see cref="AppProcess"/>); it has no in-memory factory.</summary>
    private AppSession(Uri baseAddress)
    {
        Factory = null!;
        Cookies = new CookieContainer();
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
}
