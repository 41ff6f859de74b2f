using System.Security.Claims;
using Marketplace.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure.Security;

/// <summary>
/// A sign-in cookie is good only while the account's security stamp is the one it was issued with.
/// Logging out and changing the password renew the stamp, so a copied cookie stops working at once
/// (the issue: a cookie replayed after 退出 still opened /Street/Budget for its 8 sliding hours).
/// The stamp is checked on every request rather than Identity's every-30-minutes: it is one primary-key
/// read of one column, and this platform's users (a few hundred district and street staff and NGOs) make
/// that cost negligible next to the page itself; a window of minutes would leave a stolen cookie usable.
/// Identity's own validator still runs after it (it refreshes roles and claims on its interval).
/// </summary>
public static class SessionRevocation
{
    public static IServiceCollection AddSessionRevocation(this IServiceCollection services)
    {
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var identityValidator = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                if (!await StampIsCurrentAsync(context))
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

    private static async Task<bool> StampIsCurrentAsync(CookieValidatePrincipalContext context)
    {
        var claims = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (userId is null || stamp is null)
        {
            return false;
        }
        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp)
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        return current is not null && string.Equals(current, stamp, StringComparison.Ordinal);
    }
}
