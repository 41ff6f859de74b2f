namespace Marketplace.Web.Infrastructure.Security;

/// <summary>
/// A request body larger than the biggest upload any page takes (64 MB, the NGO documents and the
/// directory import) is refused before it is read, with 413 and a Chinese page saying the limit (written here: re-running the error page would read the body)
/// (the issue: a 65 MB upload got a generic English 400).
/// </summary>
public sealed class RequestTooLargeMiddleware(RequestDelegate next)
{
    public const int LimitMegabytes = 64;
    private const long LimitBytes = LimitMegabytes * 1024L * 1024L;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > LimitBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return RefusalPage.WriteAsync(context, "文件过大",
                $"上传的内容不能超过 {LimitMegabytes} MB，请压缩或拆分文件后返回上一页重新上传。", context.RequestAborted);
        }
        return next(context);
    }
}

public static class InputGuardExtensions
{
    /// <summary>Right after the status-code pages, so these answers get the Chinese error page (or problem+json on /api).</summary>
    public static WebApplication UseMarketplaceInputGuards(this WebApplication app)
    {
        app.UseMiddleware<RequestTooLargeMiddleware>();
        app.UseMiddleware<ApiProblemDetailsMiddleware>();
        return app;
    }
}
