using Microsoft.AspNetCore.Diagnostics;

namespace Marketplace.Web.Infrastructure.Security;

/// <summary>
/// JSON endpoints (/api/…) answer errors as application/problem+json with a Chinese title, never with the
/// HTML error page (the issue: bad query parameters on the public JSON got an HTML page). Runs inside the
/// status-code pages, which leave a response alone once it has a body.
/// </summary>
public sealed class ApiProblemDetailsMiddleware(RequestDelegate next, ILogger<ApiProblemDetailsMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // The exception's message quotes the rejected value; only its length goes to the log.
            log.LogInformation("Bad request to {Path}: {Status} ({Length} characters of query)",
                context.Request.Path, ex.StatusCode, context.Request.QueryString.Value?.Length ?? 0);
            context.Response.Clear();
            context.Response.StatusCode = ex.StatusCode;
        }
        if (!context.Response.HasStarted && context.Response.StatusCode >= 400
            && context.Response.ContentLength is null && string.IsNullOrEmpty(context.Response.ContentType))
        {
            context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            var status = context.Response.StatusCode;
            await Results.Problem(title: Title(status), detail: Detail(status), statusCode: status).ExecuteAsync(context);
        }
    }

    private static string Title(int status) => status switch
    {
        400 => "请求参数无效",
        401 => "需要登录",
        403 => "没有权限",
        404 => "未找到",
        405 => "不支持该请求方法",
        _ => "请求未能完成",
    };

    private static string? Detail(int status) => status == 400
        ? "查询参数的格式不正确（如年度、页码、街道编号应为数字），请检查后重试。"
        : null;
}
