using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Organizations;

public static class DocumentEndpoints
{
    /// <summary>
    /// Who may read an organization's uploaded documents: its own members, and the admins of the district
    /// whose directory it applied to. Everyone else gets 404, so a document's existence is not revealed.
    /// </summary>
    public static bool CanRead(CurrentTenant tenant, string uscc, long districtId) =>
        tenant.OwnsOrganization(uscc) || tenant.ManagesDistrict(districtId);

    /// <summary>GET /organizations/documents/{id}: streams the file from the data directory after the access check.</summary>
    public static void MapOrganizationDocuments(this IEndpointRouteBuilder app) =>
        app.MapGet("/organizations/documents/{id:guid}", async (Guid id, HttpContext http, CurrentTenant tenant, AppDbContext db, DocumentStore store, CancellationToken ct) =>
            {
                var doc = await db.OrganizationDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
                if (doc is null || !CanRead(tenant, doc.Uscc, doc.DistrictId))
                {
                    return Results.NotFound();
                }
                return store.Download(http.Response, doc.StoredName, doc.ContentType, doc.OriginalName);
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
}
