namespace Marketplace.Web.Infrastructure.Security;

/// <summary>
/// The "Security" section of configuration: what a deployment behind HTTPS or a reverse proxy switches on
/// (docs/DEPLOY.md), and the abuse limits. Defaults suit a plain-HTTP development run.
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Secure cookies, HSTS and HTTP → HTTPS redirection. On for any deployment reached over HTTPS.</summary>
    public bool RequireHttps { get; set; }

    /// <summary>HSTS max-age in days (browsers then refuse plain HTTP to this host for that long).</summary>
    public int HstsDays { get; set; } = 365;

    /// <summary>Where HTTP requests are redirected to when <see cref="RequireHttps"/> is on.</summary>
    public int HttpsPort { get; set; } = 443;

    /// <summary>Trust X-Forwarded-For/-Proto from these proxies only (a reverse proxy terminating TLS).</summary>
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    public AbuseLimitOptions Limits { get; set; } = new();
}

public sealed class ForwardedHeadersSettings
{
    public bool Enabled { get; set; }

    /// <summary>Addresses of the reverse proxies, e.g. "10.0.0.5". Loopback is always trusted.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the reverse proxies in CIDR form, e.g. "10.0.0.0/24".</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>One fixed-window limit: at most <see cref="Permits"/> requests per <see cref="WindowSeconds"/>.</summary>
public sealed class WindowLimit
{
    public int Permits { get; set; }
    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(Math.Max(1, WindowSeconds));
}

/// <summary>
/// Abuse limits (issue: 200 logins in 0.35 s, 200 registrations in 0.69 s, 30 objections in seconds).
/// Each category is counted per client address; objections per signed-in account.
/// </summary>
public sealed class AbuseLimitOptions
{
    /// <summary>Login form posts per client address.</summary>
    public WindowLimit Login { get; set; } = new() { Permits = 60, WindowSeconds = 60 };

    /// <summary>NGO self-registrations per client address: each one lands in a district's review queue.</summary>
    public WindowLimit Registration { get; set; } = new() { Permits = 10, WindowSeconds = 3600 };

    /// <summary>Objections (异议) per signed-in account: each must be answered before 公示 can end.</summary>
    public WindowLimit Objection { get; set; } = new() { Permits = 3, WindowSeconds = 600 };

    /// <summary>Any other form post from someone not signed in, per client address.</summary>
    public WindowLimit PublicForm { get; set; } = new() { Permits = 30, WindowSeconds = 60 };

    /// <summary>Residents' ratings (群众评) submitted per device (its cookie, else its address).</summary>
    public WindowLimit RatingPerDevice { get; set; } = new() { Permits = 10, WindowSeconds = 60 };

    /// <summary>Verification codes asked per device: each would be a text message.</summary>
    public WindowLimit RatingCodePerDevice { get; set; } = new() { Permits = 20, WindowSeconds = 60 };

    /// <summary>Every rating form post (codes and ratings) per client address; higher, as many phones share one address.</summary>
    public WindowLimit RatingPerAddress { get; set; } = new() { Permits = 60, WindowSeconds = 60 };

    /// <summary>Public JSON (/api/public/…) per client address.</summary>
    public WindowLimit PublicJson { get; set; } = new() { Permits = 120, WindowSeconds = 60 };

    /// <summary>Wrong passwords for one account from one address before that pair waits <see cref="LoginLockoutMinutes"/>.</summary>
    public int LoginFailuresPerAccountAndAddress { get; set; } = 5;

    /// <summary>Wrong passwords for one account from all addresses before each further try backs off.</summary>
    public int LoginFailuresPerAccount { get; set; } = 30;

    public int LoginLockoutMinutes { get; set; } = 15;
}
