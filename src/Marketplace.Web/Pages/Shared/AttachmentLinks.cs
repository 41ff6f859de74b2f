using System.Collections.Immutable;
using Marketplace.Tendering;

namespace Marketplace.Web.Pages.Shared;

/// <summary>The download links of one application's attachments (partial _AttachmentLinks).</summary>
public sealed record AttachmentLinks(Guid TenderId, ImmutableArray<ApplicationAttachment> Files);
