using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Infrastructure.Identity;

/// <summary>Where a self-registration's account goes before its mobile is proven (issue 16 item 1).</summary>
public static class UnconfirmedAccounts
{
    /// <summary>The policy of the confirm page: a 待确认 registration's account, and no other.</summary>
    public const string Policy = "AwaitingConfirmation";

    public const string ConfirmPage = "/organizations/confirm";
}

public static class IdentityServiceCollectionExtensions
{
    public static IServiceCollection AddMarketplaceIdentity(this IServiceCollection services)
    {
        services.AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = false;
                // Lockout is for accounts locked on purpose; wrong passwords are throttled per name and
                // client address instead (Security/LoginThrottle), so nobody can lock another's account.
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<TenantClaimsPrincipalFactory>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddUserManager<Security.StampPublishingUserManager>() // tells the session-stamp grain of renewals
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Error/403";
            o.Cookie.Name = "marketplace.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // A 待确认 registration refused anywhere is sent to the one page open to it (issue 16 item 1).
            var accessDenied = o.Events.OnRedirectToAccessDenied;
            o.Events.OnRedirectToAccessDenied = context =>
            {
                if (CurrentTenant.Of(context.HttpContext.User).AwaitsConfirmation)
                {
                    context.RedirectUri = UnconfirmedAccounts.ConfirmPage;
                }
                return accessDenied(context);
            };
        });

        // Keys in the database: cookies and antiforgery tokens survive restarts and work across silos.
        services.AddDataProtection().SetApplicationName("Marketplace").PersistKeysToDbContext<AppDbContext>();

        services.AddAuthorizationBuilder()
            // [Authorize] without a role ("any signed-in user") is not for a registration waiting for its code.
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
                .RequireAssertion(c => !CurrentTenant.Of(c.User).AwaitsConfirmation).Build())
            .AddPolicy(UnconfirmedAccounts.Policy, p => p.RequireAuthenticatedUser().RequireAssertion(c => CurrentTenant.Of(c.User).AwaitsConfirmation))
            .AddPolicy(Roles.DistrictAdmin, p => p.RequireRole(Roles.DistrictAdmin))
            .AddPolicy(Roles.StreetOfficial, p => p.RequireRole(Roles.StreetOfficial))
            .AddPolicy(Roles.Ngo, p => p.RequireRole(Roles.Ngo))
            .AddPolicy(Roles.Evaluator, p => p.RequireRole(Roles.Evaluator))
            .AddPolicy(Roles.GridWorker, p => p.RequireRole(Roles.GridWorker));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentTenant>();
        return services;
    }
}
