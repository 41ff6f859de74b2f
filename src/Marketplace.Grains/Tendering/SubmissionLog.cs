using System.Collections.Immutable;

namespace Marketplace.Tendering;

/// <summary>
/// One accepted change to a sealed application: a submitted revision, or a withdrawal. <see cref="Sequence"/>
/// numbers the tender's entries from 0 without gaps; storage refuses a sequence number twice, so two
/// activations of one tender (a cluster split) cannot both append.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.SubmissionEntry")]
public sealed record SubmissionEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] TenderApplication Application,
    [property: Id(2)] string? IdempotencyKey,
    [property: Id(3)] TenderNotification? Notification); // the receipt told to the applicant, stored with it

/// <summary>
/// Where applications live until the deadline (ADR 0007): an append-only log per tender, apart from the
/// tender's state document, so a submission is a small insert and a burst of them is one transaction.
/// No page reads it; at closing the tender folds the latest revisions into its own state.
/// </summary>
public interface ITenderSubmissionLog
{
    Task<ImmutableArray<SubmissionEntry>> ReadAsync(Guid tenderId);

    /// <summary>Appends the entries (and their notifications) in one transaction: all or none.</summary>
    Task AppendAsync(Guid tenderId, IReadOnlyList<SubmissionEntry> entries);
}
