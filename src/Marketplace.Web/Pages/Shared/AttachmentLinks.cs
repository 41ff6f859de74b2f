using System.Collections.Immutable;
using Marketplace.Tendering;
using Marketplace.Web.Features.Tendering;

namespace Marketplace.Web.Pages.Shared;

/// <summary>
/// The download links of one application's attachments (partial _AttachmentLinks); <see cref="Url"/> names another
/// endpoint for files held elsewhere (a contract's progress reports).
/// </summary>
public sealed record AttachmentLinks(Guid TenderId, ImmutableArray<ApplicationAttachment> Files)
{
    public Func<Guid, Guid, string> Url { get; init; } = AttachmentEndpoints.Url;
}
