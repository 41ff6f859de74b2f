using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Threading.Channels;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Database;
using Marketplace.Web.Infrastructure.GrainStorage;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Tendering;

/// <summary>
/// The sealed submission log in the application database. Every tender grain of this silo hands its
/// batches to one writer, which puts whatever has arrived — from any number of tenders — into one
/// transaction with the receipts told to the applicants (synchronous commit on both databases, so an
/// acknowledged submission survives a crash). SQLite has one writer at a time anyway: many small
/// transactions from many grains would only queue on its lock, one fsync each (ADR 0007).
/// </summary>
public sealed class TenderSubmissionLog : ITenderSubmissionLog, IAsyncDisposable
{
    /// <summary>Enough to turn a rush into a few transactions a second, small enough to keep each one short.</summary>
    private const int MaxEntriesPerTransaction = 2_000;

    private static readonly Meter Meter = new("Marketplace.Tendering");
    private static readonly Histogram<int> TransactionSizes = Meter.CreateHistogram<int>(
        "marketplace.submission_log.transaction_entries", "{entry}", "Submission log entries written by one transaction");

    private readonly IDbContextFactory<AppDbContext> _dbFactory;
    private readonly Channel<Append> _queue = Channel.CreateUnbounded<Append>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public TenderSubmissionLog(IDbContextFactory<AppDbContext> dbFactory)
    {
        _dbFactory = dbFactory;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>A tender's batch, already as rows: the callers (many grains, both cores) do the serializing, the writer only inserts.</summary>
    private sealed record Append(IReadOnlyList<TenderSubmissionRow> Submissions, IReadOnlyList<NotificationRow> Receipts, TaskCompletionSource Done);

    public async Task<ImmutableArray<SubmissionEntry>> ReadAsync(Guid tenderId)
    {
        await using var db = await _dbFactory.CreateDbContextAsync();
        var rows = await db.TenderSubmissions.AsNoTracking().Where(x => x.TenderId == tenderId).OrderBy(x => x.Sequence).ToListAsync();
        return [.. rows.Select(r => new SubmissionEntry(r.Sequence,
            JsonSerializer.Deserialize<TenderApplication>(r.Document, EfGrainStorage.Json)!, r.IdempotencyKey, null))];
    }

    /// <summary>
    /// Never blocks the calling grain: the entries are queued for the writer, whose thread does the
    /// database work (SQLite's driver completes its "async" calls synchronously).
    /// </summary>
    public Task AppendAsync(Guid tenderId, IReadOnlyList<SubmissionEntry> entries)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submissions = entries.Select(e => new TenderSubmissionRow
        {
            TenderId = tenderId, Sequence = e.Sequence, Uscc = e.Application.Uscc, Revision = e.Application.Revision,
            Withdrawn = e.Application.Withdrawn, IdempotencyKey = e.IdempotencyKey,
            SubmittedAt = e.Application.SubmittedAt.ToUniversalTime(),
            Document = JsonSerializer.Serialize(e.Application, EfGrainStorage.Json),
        }).ToList();
        var receipts = entries.Where(e => e.Notification is not null).Select(e => new NotificationRow
        {
            Id = e.Notification!.Id, TenderId = tenderId, Recipient = e.Notification.Recipient.Key, Text = e.Notification.Text,
            CreatedAt = e.Notification.At.ToUniversalTime(),
        }).ToList();
        if (!_queue.Writer.TryWrite(new Append(submissions, receipts, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(TenderSubmissionLog)));
        }
        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            var batch = new List<Append>();
            var entries = 0;
            while (entries < MaxEntriesPerTransaction && reader.TryRead(out var next))
            {
                batch.Add(next);
                entries += next.Submissions.Count;
            }
            try
            {
                await WriteAsync(batch);
                TransactionSizes.Record(entries);
                batch.ForEach(a => a.Done.TrySetResult());
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One tender's batch may be the one refused (a sequence number taken by another activation):
                // write each on its own so only that one fails.
                foreach (var append in batch)
                {
                    try
                    {
                        await WriteAsync([append]);
                        append.Done.TrySetResult();
                    }
                    catch (Exception ex)
                    {
                        append.Done.TrySetException(ex);
                    }
                }
            }
            catch (Exception ex)
            {
                batch[0].Done.TrySetException(ex);
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<Append> batch)
    {
        await using var db = await _dbFactory.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.InsertAsync([.. batch.SelectMany(a => a.Submissions)]);
        await db.InsertAsync([.. batch.SelectMany(a => a.Receipts)]);
        await tx.CommitAsync();
    }
}
