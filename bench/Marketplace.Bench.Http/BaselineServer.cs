namespace Marketplace.Bench.Http;

/// <summary>B1: a minimal Kestrel endpoint returning "ok", built with the app's SDK and GC settings.</summary>
internal static class BaselineServer
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/", () => "ok");
        await app.RunAsync();
    }
}
