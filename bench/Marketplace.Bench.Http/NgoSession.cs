using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Marketplace.Bench.Http;

/// <summary>
/// One logged-in NGO as a browser would be: its own cookie jar (auth + antiforgery cookies), the login
/// form posted with its antiforgery token, then the apply form read once for its token and fields.
/// </summary>
internal sealed partial class NgoSession(Uri baseAddress, string userName)
{
    private readonly HttpClient client = new(new SocketsHttpHandler
    {
        CookieContainer = new CookieContainer(),
        AllowAutoRedirect = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public string UserName => userName;

    /// <summary>The session's client (its cookies), for scenarios of other roles that log in the same way (ScoringScenario).</summary>
    public HttpClient Client => client;

    public async Task<bool> LoginAsync(string password)
    {
        var token = await TokenAsync("/Account/Login");
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token ?? "",
        }));
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    /// <summary>The apply form of one tender, or null when the organization may not apply (not eligible, closed).</summary>
    public async Task<ApplyForm?> ApplyFormAsync(string tenderId)
    {
        var path = $"/Ngo/Tenders/Apply/{tenderId}";
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || !html.Contains("handler=Submit", StringComparison.Ordinal))
        {
            return null;
        }
        var ceiling = CeilingPattern().Match(html) is { Success: true } m
            ? decimal.Parse(new string([.. m.Groups[1].Value.Where(c => char.IsAsciiDigit(c) || c == '.')]), CultureInfo.InvariantCulture)
            : 100_000m;
        return new ApplyForm(path + "?handler=Submit", Token(html) ?? "", [.. DocumentPattern().Matches(html).Select(d => WebUtility.HtmlDecode(d.Groups[1].Value))],
            Math.Round(ceiling * 0.9m, 2));
    }

    /// <summary>One revision with its own submit key; true when acknowledged (the redirect after a stored submission).</summary>
    public async Task<bool> SubmitAsync(ApplyForm form, long n)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", form.Token),
            new("SubmitKey", Guid.NewGuid().ToString("N")),
            new("Price", (form.Price - (n % 100)).ToString("0.00", CultureInfo.InvariantCulture)),
            new("SocialWorkers", "6"),
            new("ServicePlan", $"第{n}版服务方案：入户走访、需求评估、个案跟进与季度回访，配套志愿者培训与社区活动。"),
            new("Team", "项目主管1名，持证社工6名，心理咨询师1名"),
            new("Experience", "近三年承接街道居家养老与青少年服务项目4个"),
        };
        fields.AddRange(form.Documents.Select(d => new KeyValuePair<string, string>("Documents", d)));
        try
        {
            using var response = await client.PostAsync(form.PostPath, new FormUrlEncodedContent(fields));
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                return true;
            }
            // A refusal re-renders the form (200) with its reason at the top or beside a field.
            var html = await response.Content.ReadAsStringAsync();
            var reason = ReasonPattern().Match(html) is { Success: true } r ? WebUtility.HtmlDecode(r.Groups[1].Value).Trim() : "";
            Failures.AddOrUpdate($"{(int)response.StatusCode} {reason}", 1, (_, n) => n + 1);
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Failures.AddOrUpdate(e.GetType().Name + " " + e.Message, 1, (_, n) => n + 1);
            throw;
        }
    }

    /// <summary>What the failed posts of the run answered (status and the page's reason, or the exception), counted.</summary>
    public static ConcurrentDictionary<string, long> Failures { get; } = new();

    /// <summary>The failures so far as one line, and a fresh count for the next case.</summary>
    public static string TakeFailures()
    {
        var line = string.Join("; ", Failures.OrderByDescending(f => f.Value).Select(f => $"{f.Value} × {f.Key}"));
        Failures.Clear();
        return line;
    }

    private async Task<string?> TokenAsync(string path) => Token(await client.GetStringAsync(path));

    internal static string? Token(string html) => TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"Documents\" value=\"([^\"]+)\"")]
    private static partial Regex DocumentPattern();

    [GeneratedRegex("(?:alert-danger[^>]*>\\s*<ul>\\s*<li>|field-validation-error[^>]*>)([^<]+)<")]
    private static partial Regex ReasonPattern();

    [GeneratedRegex("不超过 ([^）]+)）")]
    private static partial Regex CeilingPattern();
}

internal sealed record ApplyForm(string PostPath, string Token, IReadOnlyList<string> Documents, decimal Price);
