using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Web.Infrastructure.Security;

/// <summary>
/// Headers, sessions, HTTPS and abuse limits in one call each for services and pipeline. The outermost
/// middleware (forwarded headers, HSTS, HTTPS redirection, security headers) is added by a startup filter
/// so it wraps everything Program.cs adds, error pages and static files included.
/// </summary>
public static class SecurityHostingExtensions
{
    public static WebApplicationBuilder AddMarketplaceSecurity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SecurityOptions.Section);
        var settings = section.Get<SecurityOptions>() ?? new SecurityOptions();
        var services = builder.Services;
        services.Configure<SecurityOptions>(section);
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<LoginPasswordCheck>();
        services.AddAbuseLimits(SharedCounters.From(builder.Configuration));
        services.AddSessionRevocation();
        services.AddChineseInputBinding();
        builder.Logging.QuietFormLimitWarnings();

        var cookiePolicy = settings.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.Configure<AntiforgeryOptions>(o =>
        {
            o.SuppressXFrameOptionsHeader = true; // DENY is set on every response instead of SAMEORIGIN on some
            o.Cookie.SecurePolicy = cookiePolicy;
        });
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o => o.Cookie.SecurePolicy = cookiePolicy);
        // The TempData cookie carries the flash messages after a post; Secure like the others (issue 16).
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = cookiePolicy);
        if (settings.RequireHttps)
        {
            services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(settings.HstsDays));
            services.AddHttpsRedirection(o => o.HttpsPort = settings.HttpsPort);
        }
        if (settings.ForwardedHeaders.Enabled)
        {
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                foreach (var proxy in settings.ForwardedHeaders.KnownProxies)
                {
                    o.KnownProxies.Add(IPAddress.Parse(proxy));
                }
                foreach (var network in settings.ForwardedHeaders.KnownNetworks)
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            });
        }
        services.AddTransient<IStartupFilter>(_ => new OuterMiddleware(settings));
        return builder;
    }

    /// <summary>The abuse limits; after authentication, since objections are counted per account.</summary>
    public static WebApplication UseMarketplaceAbuseLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    private sealed class OuterMiddleware(SecurityOptions settings) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (settings.ForwardedHeaders.Enabled)
            {
                app.UseForwardedHeaders(); // first: the client's address and scheme for everything after
            }
            app.UseMiddleware<SecurityHeadersMiddleware>();
            if (settings.RequireHttps)
            {
                app.UseHsts();
                app.UseHttpsRedirection();
            }
            next(app);
        };
    }
}
