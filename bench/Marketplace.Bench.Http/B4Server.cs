using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Bench.Http;

/// <summary>
/// B4, the stack's floor for a durable form post (issue 15): the apply form's routes with what the product
/// does around them and none of its rules. The same cookie settings as the product's application cookie,
/// the security stamp checked against a grain on every request (the product's <c>SessionRevocation</c>),
/// antiforgery on both forms, one grain call per submission and a group-committed insert on SQLite with the
/// product's connection settings (WAL, synchronous=FULL). The routes and HTML fragments are the product's
/// so the same <see cref="NgoSession"/> drives both.
/// </summary>
internal static class B4Server
{
    // Identity's ClaimsIdentityOptions.SecurityStampClaimType, which the product's cookie carries.
    private const string StampClaim = "AspNet.Identity.SecurityStamp";

    public static async Task RunAsync(int port, int siloPort, string dataDirectory)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSingleton(new B4Log(Path.Combine(dataDirectory, "b4.db")));
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort, siloPort + 1));
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            // As IdentityServiceCollectionExtensions.ConfigureApplicationCookie sets them.
            o.LoginPath = "/Account/Login";
            o.Cookie.Name = "marketplace.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnValidatePrincipal = async context =>
            {
                var user = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
                var stamp = context.Principal?.FindFirstValue(StampClaim);
                var current = user is null ? null
                    : await context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IB4StampGrain>(user).CurrentAsync();
                if (current is null || !string.Equals(current, stamp, StringComparison.Ordinal))
                {
                    context.RejectPrincipal();
                }
            };
        });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapGet("/", () => "ok");
        app.MapGet("/Account/Login", (HttpContext http, IAntiforgery antiforgery) => Html(http, antiforgery, "<form method=\"post\"></form>"));
        app.MapPost("/Account/Login", async (HttpContext http, IGrainFactory grains, [FromForm(Name = "Input.UserName")] string userName) =>
        {
            var stamp = Guid.NewGuid().ToString("N");
            await grains.GetGrain<IB4StampGrain>(userName).RenewedAsync(stamp);
            var identity = new ClaimsIdentity([new(ClaimTypes.NameIdentifier, userName), new(ClaimTypes.Name, userName), new(StampClaim, stamp)],
                CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(new ClaimsPrincipal(identity));
            return Results.Redirect("/");
        });
        app.MapGet("/Ngo/Tenders/Apply/{id:guid}", (Guid id, HttpContext http, IAntiforgery antiforgery) => Html(http, antiforgery,
            $"<form method=\"post\" action=\"/Ngo/Tenders/Apply/{id}?handler=Submit\">（不超过 100,000.00）" +
            "<input name=\"Documents\" value=\"营业执照\"><input name=\"Documents\" value=\"法人登记证书\"></form>")).RequireAuthorization();
        app.MapPost("/Ngo/Tenders/Apply/{id:guid}", async (Guid id, HttpContext http, IGrainFactory grains, [FromForm] B4Form form) =>
        {
            var user = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
            var stored = await grains.GetGrain<IB4NoticeGrain>(id).SubmitAsync(user, form.SubmitKey ?? "",
                $"{form.Price}|{form.SocialWorkers}|{form.ServicePlan}|{form.Team}|{form.Experience}|{string.Join(',', form.Documents ?? [])}");
            return stored ? Results.Redirect($"/Ngo/Tenders/Apply/{id}") : Results.StatusCode(409);
        }).RequireAuthorization();
        await app.RunAsync();
    }

    private static IResult Html(HttpContext http, IAntiforgery antiforgery, string body)
    {
        var token = WebUtility.HtmlEncode(antiforgery.GetAndStoreTokens(http).RequestToken);
        return Results.Content($"<!DOCTYPE html><html><body>{body.Replace("</form>", $"<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"{token}\"></form>",
            StringComparison.Ordinal)}</body></html>", "text/html; charset=utf-8");
    }
}

/// <summary>The apply form's fields as the product's page binds them.</summary>
internal sealed class B4Form
{
    public string? SubmitKey { get; set; }
    public string? Price { get; set; }
    public string? SocialWorkers { get; set; }
    public string? ServicePlan { get; set; }
    public string? Team { get; set; }
    public string? Experience { get; set; }
    public string[]? Documents { get; set; }
}
