namespace Marketplace.Web.Infrastructure.Security;

/// <summary>
/// Headers every response carries (pages, static files, JSON, downloads, error pages alike): a
/// Content-Security-Policy that runs script files from this site only, no MIME sniffing, no framing, no
/// Referer sent to other sites. Set when the response starts, so an exception handler that clears
/// headers or antiforgery's own X-Frame-Options cannot undo them.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>
    /// script-src 'self': no inline script or on… handler anywhere (page scripts live in wwwroot/js).
    /// style-src keeps 'unsafe-inline' for style="" attributes (white-space: pre-line on free text, the
    /// report progress bars' width) and the styles Bootstrap's script sets; CSS cannot run script.
    /// img-src data: is for Bootstrap's inline SVG icons (navbar toggler, form validation marks).
    /// </summary>
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY"; // for browsers without frame-ancestors
            headers["Referrer-Policy"] = "same-origin";
            headers.Remove("Server");
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
