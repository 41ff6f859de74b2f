using System.Net;

namespace Marketplace.Web.Infrastructure.Security;

/// <summary>
/// A small self-contained Chinese page for refusals decided before any page runs (too many requests, a
/// body too large), where re-running the site's error page would count or read the request again.
/// </summary>
internal static class RefusalPage
{
    public static Task WriteAsync(HttpContext http, string title, string message, CancellationToken ct)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)} - 街道购买服务平台</title></head>" +
            $"<body><h1>{WebUtility.HtmlEncode(title)}</h1><p role=\"alert\">{WebUtility.HtmlEncode(message)}</p>" +
            "<p><a href=\"/\">返回首页</a></p></body></html>", ct);
    }
}
