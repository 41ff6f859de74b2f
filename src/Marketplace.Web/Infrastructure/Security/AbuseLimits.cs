using System.Globalization;
using Marketplace.Web.Infrastructure.Identity;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Orleans;

namespace Marketplace.Web.Infrastructure.Security;

/// <summary>
/// Request limits against floods (ASP.NET Core rate limiting, one global partitioned limiter): which
/// requests count against which limit is decided here from method and path, so pages carry no attributes.
/// Counted in this process, or across the cluster when clustering is configured (<see cref="SharedCounters"/>).
/// A refused request gets 429, a Retry-After header and a Chinese message (problem+json on /api).
/// </summary>
public static class AbuseLimits
{
    public const string RefusalText = "操作过于频繁";

    public static IServiceCollection AddAbuseLimits(this IServiceCollection services, SharedCounters shared)
    {
        services.AddSingleton(shared);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Two limits can apply to one request (a rating counts per address and per device), so two limiters are chained.
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(Limiter(Classify), Limiter(ClassifyDevice));
            o.OnRejected = (context, ct) => WriteRefusalAsync(context.HttpContext, context.Lease, ct);
        });
        return services;
    }

    private readonly record struct Category(string Key, WindowLimit Limit);

    private static PartitionedRateLimiter<HttpContext> Limiter(Func<HttpContext, AbuseLimitOptions, Category?> classify) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var limits = http.RequestServices.GetRequiredService<IOptionsMonitor<SecurityOptions>>().CurrentValue.Limits;
            if (classify(http, limits) is not { } c)
            {
                return RateLimitPartition.GetNoLimiter("none");
            }
            if (http.RequestServices.GetRequiredService<SharedCounters>().InCluster)
            {
                var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
                var logger = http.RequestServices.GetRequiredService<ILogger<SharedWindowLimiter>>();
                return RateLimitPartition.Get(c.Key, key => new SharedWindowLimiter(grains, key, c.Limit, logger));
            }
            return RateLimitPartition.GetFixedWindowLimiter(c.Key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, c.Limit.Permits), Window = c.Limit.Window, QueueLimit = 0,
            });
        });

    /// <summary>A resident's rating form (/Contracts/{id}/Rate), posted by anyone, signed in or not.</summary>
    private static bool IsRating(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value is { } p && p.StartsWith("/Contracts/", StringComparison.OrdinalIgnoreCase)
        && p.EndsWith("/Rate", StringComparison.OrdinalIgnoreCase);

    /// <summary>Ratings and their codes per device: the device cookie set by the rating page, else the address.</summary>
    private static Category? ClassifyDevice(HttpContext http, AbuseLimitOptions limits)
    {
        if (!IsRating(http.Request) || http.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return null;
        }
        var device = http.Request.Cookies[Features.Ratings.RatingsServiceCollectionExtensions.DeviceCookie] is { Length: > 0 and <= 64 } cookie
            ? cookie : http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return string.Equals(http.Request.Query["handler"], "Code", StringComparison.OrdinalIgnoreCase)
            ? new Category("rating-code|" + device, limits.RatingCodePerDevice)
            : new Category("rating-device|" + device, limits.RatingPerDevice);
    }

    /// <summary>The limit a request counts against, keyed by client address (or account for objections); null when none.</summary>
    private static Category? Classify(HttpContext http, AbuseLimitOptions limits)
    {
        if (http.Features.Get<IStatusCodeReExecuteFeature>() is not null || http.Features.Get<IExceptionHandlerPathFeature>() is not null)
        {
            return null; // the error page shown for a request already counted
        }
        var request = http.Request;
        var path = request.Path.Value ?? "";
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (HttpMethods.IsGet(request.Method))
        {
            return path.StartsWith("/api/public/", StringComparison.OrdinalIgnoreCase)
                ? new Category("json|" + address, limits.PublicJson)
                : null;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            return null;
        }
        if (path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase))
        {
            return new Category("login|" + address, limits.Login);
        }
        if (path.Equals("/Organizations/Register", StringComparison.OrdinalIgnoreCase))
        {
            return new Category("register|" + address, limits.Registration);
        }
        if (IsRating(request))
        {
            return new Category("rating|" + address, limits.RatingPerAddress);
        }
        var user = CurrentTenant.Of(http.User);
        if (user.SignedIn)
        {
            // 异议: the NGO's "Object" handler on a tender page; each objection blocks the end of 公示.
            return string.Equals(request.Query["handler"], "Object", StringComparison.OrdinalIgnoreCase)
                ? new Category("objection|" + user.UserId, limits.Objection)
                : null;
        }
        return new Category("form|" + address, limits.PublicForm);
    }

    private static async ValueTask WriteRefusalAsync(HttpContext http, RateLimitLease lease, CancellationToken ct)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = $"{RefusalText}，请 {WaitText(seconds)}后再试。";
        if ((http.Request.Path.Value ?? "").StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem(title: RefusalText, detail: message, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
            return;
        }
        await RefusalPage.WriteAsync(http, "请求过于频繁", message, ct);
    }

    private static string WaitText(int seconds) =>
        seconds >= 120 ? $"{(seconds + 59) / 60} 分钟" : $"{seconds} 秒";
}
