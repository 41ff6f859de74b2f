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
                return Download(http, store, await grain.GetAttachmentAsync(id, ReaderFor(http, tenant, info.StreetId, info.DistrictId)));
            })
            .RequireAuthorization()
            .ExcludeFromDescription();

    /// <summary>
    /// Who asks, as the grain that holds the files decides (ADR 0012): the signed-in organization, the evaluator by
    /// user name, and whether the user is an official of the owning street or its district — the only part the page decides.
    /// </summary>
    public static AttachmentReader ReaderFor(HttpContext http, CurrentTenant tenant, long streetId, long districtId) =>
        new(tenant.Uscc, http.User.IsInRole(Roles.Evaluator) ? tenant.UserName : null, tenant.CanReadStreet(streetId, districtId));

    /// <summary>The file as a download (nosniff, no-store), or 404 when the grain answered nothing.</summary>
    public static IResult Download(HttpContext http, DocumentStore store, ApplicationAttachment? file) =>
        file is null ? Results.NotFound() : store.Download(http.Response, file.StoredName, file.ContentType, file.Name);
}
