using Marketplace.Contracts;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Tendering;
using Marketplace.Web.Infrastructure.Identity;

namespace Marketplace.Web.Features.Contracts;

public static class ReportAttachmentEndpoints
{
    public static string Url(Guid contractId, Guid attachmentId) => $"/contract-attachments/{contractId}/{attachmentId}";

    /// <summary>
    /// GET /contract-attachments/{contract}/{attachment}: the files of a contract's progress reports (进度报告附件),
    /// never public. As for application attachments (ADR 0012) the page decides only whether the user is an official
    /// of the contract's street or district; the contract grain decides the rest. Otherwise 404.
    /// </summary>
    public static void MapReportAttachments(this IEndpointRouteBuilder app) =>
        app.MapGet("/contract-attachments/{contractId:guid}/{id:guid}", async (Guid contractId, Guid id, HttpContext http, IGrainFactory grains,
                CurrentTenant tenant, DocumentStore store) =>
            {
                var grain = grains.GetGrain<IContractGrain>(contractId);
                if (await grain.GetAsync() is not { } contract)
                {
                    return Results.NotFound();
                }
                return AttachmentEndpoints.Download(http, store,
                    await grain.GetReportAttachmentAsync(id, AttachmentEndpoints.ReaderFor(http, tenant, contract.StreetId, contract.DistrictId)));
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
}
