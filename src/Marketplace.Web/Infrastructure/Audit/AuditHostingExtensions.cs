namespace Marketplace.Web.Infrastructure.Audit;

public static class AuditHostingExtensions
{
    /// <summary>After authentication: every grain call a signed-in request makes carries its actor (<see cref="AuditActor"/>).</summary>
    public static IApplicationBuilder UseMarketplaceAudit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        AuditActor.From(context)?.Enter();
        await next(context);
    });
}
