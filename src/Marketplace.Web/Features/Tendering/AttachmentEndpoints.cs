using Marketplace.Tendering;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure.Identity;

namespace Marketplace.Web.Features.Tendering;

public static class AttachmentEndpoints
{
    public static string Url(Guid tenderId, Guid attachmentId) => $"/tender-attachments/{tenderId}/{attachmentId}";

    /// <summary>
    /// GET /tender-attachments/{tender}/{attachment}: never public. The page decides only whether the user is an
    /// official of the tender's street or district (<see cref="CurrentTenant"/>); the tender grain decides the
    /// rest (the applicant's own, or after the deadline the officials and the sitting panel). Otherwise 404.
    /// </summary>
    public static void MapApplicationAttachments(this IEndpointRouteBuilder app) =>
        app.MapGet("/tender-attachments/{tenderId:guid}/{id:guid}", async (Guid tenderId, Guid id, HttpContext http, IGrainFactory grains,
                CurrentTenant tenant, DocumentStore store) =>
            {
                var grain = grains.GetGrain<ITenderGrain>(tenderId);
                if (await grain.GetInfoAsync() is not { Status: not TenderStatus.Draft } info)
                {
                    return Results.NotFound();
                }
                var reader = new AttachmentReader(tenant.Uscc, http.User.IsInRole(Roles.Evaluator) ? tenant.UserName : null,
                    tenant.CanReadStreet(info.StreetId, info.DistrictId));
                if (await grain.GetAttachmentAsync(id, reader) is not { } file)
                {
                    return Results.NotFound();
                }
                return store.Download(http.Response, file.StoredName, file.ContentType, file.Name);
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
}
