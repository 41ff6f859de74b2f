using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Infrastructure.Identity;

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
        });

        // Keys in the database: cookies and antiforgery tokens survive restarts and work across silos.
        services.AddDataProtection().SetApplicationName("Marketplace").PersistKeysToDbContext<AppDbContext>();

        services.AddAuthorizationBuilder()
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
