using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Primitives;

namespace Marketplace.Web.Infrastructure.Security;

/// <summary>
/// Control characters (other than tab and line breaks) are removed from form fields and query values before any
/// page or endpoint reads them. No one types them; PostgreSQL refuses a NUL in text (22021), so a pasted one
/// answered 500 there and was stored as is on SQLite (issue 16 item 6, the bad-input corpus).
/// </summary>
public sealed class ControlCharactersMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.QueryString.HasValue && request.Query.Any(q => HasControl(q.Value)))
        {
            request.Query = new QueryCollection(Clean(request.Query));
        }
        // Url-encoded forms only: a multipart form is read under its page's upload limits ([RequestFormLimits]), so its
        // text fields are cleaned after that read, by MultipartControlCharactersFilter.
        if (!HttpMethods.IsGet(request.Method) && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                // Malformed: left to the page's own handling.
                await next(context);
                return;
            }
            if (form.Any(f => HasControl(f.Value)))
            {
                context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(Clean(form), form.Files)));
            }
        }
        await next(context);
    }

    internal static Dictionary<string, StringValues> Clean(IEnumerable<KeyValuePair<string, StringValues>> values) =>
        values.ToDictionary(v => v.Key, v => new StringValues([.. v.Value.Select(Strip)]), StringComparer.OrdinalIgnoreCase);

    internal static bool HasControl(StringValues values) => values.Any(v => v is not null && v.Any(IsRemoved));

    private static string? Strip(string? value) => value is null || !value.Any(IsRemoved) ? value : string.Concat(value.Where(c => !IsRemoved(c)));

    private static bool IsRemoved(char c) => char.IsControl(c) && c is not ('\t' or '\r' or '\n');
}

/// <summary>
/// The same cleaning for the text fields of multipart forms (uploads with their fields): a resource filter, so it runs
/// after the page's form limits and antiforgery read the form and before model binding or <c>Request.Form</c> see it.
/// Files are kept as they are (issue 16 item 6: a NUL in an upload form's text field answered 500 on PostgreSQL).
/// </summary>
public sealed class MultipartControlCharactersFilter : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && http.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
        {
            IFormCollection? form = null;
            try
            {
                form = await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (InvalidDataException)
            {
                // Malformed or over the page's limits: left to the page's own handling.
            }
            if (form is not null && form.Any(f => ControlCharactersMiddleware.HasControl(f.Value)))
            {
                http.Features.Set<IFormFeature>(new FormFeature(new FormCollection(ControlCharactersMiddleware.Clean(form), form.Files)));
            }
        }
        await next();
    }
}

public static class FormCleaningExtensions
{
    /// <summary>
    /// Right after <c>UseRouting</c>: routing applies the endpoint's own body limit (<c>[RequestSizeLimit]</c>) before
    /// this reads the form. Read before routing, the limit could no longer be set and both routing and MVC's
    /// RequestSizeLimitFilter logged a warning on every form post, whose console writes then held the request
    /// threads on the logger's lock: the largest cost of the apply rush (issue 15, bench/README.md).
    /// </summary>
    public static WebApplication UseMarketplaceFormCleaning(this WebApplication app)
    {
        app.UseMiddleware<ControlCharactersMiddleware>();
        return app;
    }

    /// <summary>
    /// MVC's RequestSizeLimitFilter and RequestFormLimitsFilter then find a url-encoded form already read and warn
    /// that they cannot apply their limits: the body limit routing has applied already, and multipart limits,
    /// which do not concern a url-encoded form (a multipart one is not read early). Those warnings say nothing
    /// here and would still be console writes on every form post.
    /// </summary>
    public static ILoggingBuilder QuietFormLimitWarnings(this ILoggingBuilder logging) => logging
        .AddFilter("Microsoft.AspNetCore.Mvc.Filters.RequestSizeLimitFilter", LogLevel.Error)
        .AddFilter("Microsoft.AspNetCore.Mvc.Filters.RequestFormLimitsFilter", LogLevel.Error);
}
