using System.Security.Claims;
using Marketplace.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Orleans;

namespace Marketplace.Web.Infrastructure.Security;

/// <summary>
/// A sign-in cookie is good only while the account's security stamp is the one it was issued with.
/// Logging out and changing the password renew the stamp, so a copied cookie stops working at once
/// (the issue: a cookie replayed after 退出 still opened /Street/Budget for its 8 sliding hours).
/// The stamp is checked on every request rather than Identity's every-30-minutes (a window of minutes
/// would leave a stolen cookie usable), against the account's <see cref="ISessionStampGrain"/>: one
/// activation in the cluster holds it in memory, so the check reads no database (issue 15) and a renewal
/// on one silo is seen by all. Identity's own validator still runs after it (roles and claims on its interval).
/// </summary>
public static class SessionRevocation
{
    public static IServiceCollection AddSessionRevocation(this IServiceCollection services)
    {
        services.AddSingleton<ISecurityStampSource, SecurityStampSource>();
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var identityValidator = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                bool current;
                try
                {
                    current = await StampIsCurrentAsync(context);
                }
                catch (Exception e) when (OnErrorPath(context.HttpContext))
                {
                    // Re-executing the Chinese error page (e.g. during a database outage, issue 16): a check that
                    // cannot be made must not fail that page too. The page is shown as to a visitor; the cookie is
                    // kept, since nothing says it was revoked.
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>()
                        .CreateLogger(typeof(SessionRevocation)).LogWarning(e, "Session check failed on the error page");
                    context.RejectPrincipal();
                    return;
                }
                if (!current)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await identityValidator(context);
            };
        });
        return services;
    }

    /// <summary>True while the exception handler or the status-code pages re-execute the request.</summary>
    internal static bool OnErrorPath(HttpContext http) =>
        http.Features.Get<IExceptionHandlerFeature>() is not null || http.Features.Get<IStatusCodeReExecuteFeature>() is not null;

    private static async Task<bool> StampIsCurrentAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (userId is null || stamp is null)
        {
            return false;
        }
        var current = await services.GetRequiredService<IGrainFactory>().GetGrain<ISessionStampGrain>(userId).CurrentAsync();
        return current is not null && string.Equals(current, stamp, StringComparison.Ordinal);
    }
}
