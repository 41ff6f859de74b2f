using System.Collections.Immutable;
using System.Text.Json;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.GrainStorage;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Tendering;

/// <summary>
/// The sealed submission log in the application database. A batch is one transaction: its entries and
/// the receipts told to the applicants, committed together (synchronous commit on both databases, so an
/// acknowledged submission survives a crash).
/// </summary>
public sealed class TenderSubmissionLog(IDbContextFactory<AppDbContext> dbFactory) : ITenderSubmissionLog
{
    public async Task<ImmutableArray<SubmissionEntry>> ReadAsync(Guid tenderId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await db.TenderSubmissions.AsNoTracking().Where(x => x.TenderId == tenderId).OrderBy(x => x.Sequence).ToListAsync();
        return [.. rows.Select(r => new SubmissionEntry(r.Sequence,
            JsonSerializer.Deserialize<TenderApplication>(r.Document, EfGrainStorage.Json)!, r.IdempotencyKey, null))];
    }

    public async Task AppendAsync(Guid tenderId, IReadOnlyList<SubmissionEntry> entries)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.TenderSubmissions.AddRange(entries.Select(e => new TenderSubmissionRow
        {
            TenderId = tenderId, Sequence = e.Sequence, Uscc = e.Application.Uscc, Revision = e.Application.Revision,
            Withdrawn = e.Application.Withdrawn, IdempotencyKey = e.IdempotencyKey,
            SubmittedAt = e.Application.SubmittedAt.ToUniversalTime(),
            Document = JsonSerializer.Serialize(e.Application, EfGrainStorage.Json),
        }));
        db.Notifications.AddRange(entries.Where(e => e.Notification is not null).Select(e => new NotificationRow
        {
            Id = e.Notification!.Id, TenderId = tenderId, Recipient = e.Notification.Recipient, Text = e.Notification.Text,
            CreatedAt = e.Notification.At.ToUniversalTime(),
        }));
        // One SaveChanges is one transaction: the batch is all or nothing.
        await db.SaveChangesAsync();
    }
}
