using Marketplace.Web.Data.Entities;

namespace Marketplace.Web.Pages.Shared;

/// <summary>
/// The two ways to attach files on a form the organization files (partial _AttachmentChoice): tick its stored
/// documents (posted as FromDocuments) or upload new ones (posted as Uploads); refusals stand beside either.
/// </summary>
public sealed record AttachmentChoice(IReadOnlyList<OrganizationDocumentRow> Stored, IReadOnlyCollection<Guid> Chosen, string MaxSizeText,
    string PerWhat);
