using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Audit;
using Marketplace.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Orleans.Storage;

namespace Marketplace.Web.Infrastructure.GrainStorage;

/// <summary>
/// Grain state as JSON documents in the application database, on SQLite and PostgreSQL alike (Orleans'
/// ADO.NET providers support neither SQLite nor ship their scripts). Writes are optimistic: the stored
/// ETag must match the one the grain read, else <see cref="InconsistentStateException"/>. One write is one
/// transaction: the state document, its read models and the timed work the grain staged for it
/// (<see cref="StagedDueWork"/>, docs/decisions/0011).
/// </summary>
public sealed class EfGrainStorage(
    IDbContextFactory<AppDbContext> dbFactory,
    IEnumerable<IGrainStateProjection> projections,
    StagedDueWork staged,
    DueWork dueWork,
    TimeProvider clock,
    ILogger<EfGrainStorage> log) : IGrainStorage
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly ILookup<Type, IGrainStateProjection> _projections = projections.ToLookup(p => p.StateType);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var key = grainId.ToString();
        var row = await db.GrainStates.AsNoTracking()
            .SingleOrDefaultAsync(x => x.StateName == stateName && x.GrainId == key);
        if (row is null)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.State = JsonSerializer.Deserialize<T>(row.Document, Json)!;
        grainState.ETag = row.ETag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Taken first: if this write fails, the work goes with the state that asked for it.
        var pending = staged.Take(typeof(T), grainId);
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var row = await Locate(db, stateName, grainId, grainState.ETag);
        var etag = Guid.NewGuid().ToString("N");
        var document = JsonSerializer.Serialize(grainState.State, Json);
        // Who changed what, recorded in this transaction (issue 16 item 5).
        db.AuditEntries.AddRange(GrainAudit.Entries(grainId, row?.Document, document, clock.GetUtcNow()));
        if (row is null)
        {
            db.GrainStates.Add(new GrainStateRecord
            {
                StateName = stateName, GrainId = grainId.ToString(), Document = document, ETag = etag,
                UpdatedAt = clock.GetUtcNow(),
            });
        }
        else
        {
            row.Document = document;
            row.ETag = etag;
            row.UpdatedAt = clock.GetUtcNow();
        }
        foreach (var projection in _projections[typeof(T)])
        {
            await projection.ProjectAsync(db, grainId, grainState.State!, CancellationToken.None);
        }
        var work = await StagedDueWork.AddRowsAsync(db, pending, CancellationToken.None);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        grainState.ETag = etag;
        grainState.RecordExists = true;
        Enqueue(work);
    }

    /// <summary>
    /// After the commit the rows are the truth; telling Hangfire is a hint. If that fails the state stays
    /// written (the grain must not think otherwise) and the next start re-schedules the rows from the table.
    /// </summary>
    private void Enqueue(IReadOnlyList<ScheduledWork> work)
    {
        try
        {
            dueWork.Enqueue(work);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Committed timed work could not be handed to the job queue; it runs after the next start");
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var row = await Locate(db, stateName, grainId, grainState.ETag);
        if (row is not null)
        {
            db.GrainStates.Remove(row);
            await db.SaveChangesAsync();
        }
        await tx.CommitAsync();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static async Task<GrainStateRecord?> Locate(AppDbContext db, string stateName, GrainId grainId, string? expectedETag)
    {
        var key = grainId.ToString();
        var row = await db.GrainStates.SingleOrDefaultAsync(x => x.StateName == stateName && x.GrainId == key);
        if (row?.ETag != expectedETag)
        {
            throw new InconsistentStateException(
                $"Grain state {stateName}/{key} was changed by another writer.", row?.ETag ?? "(none)", expectedETag ?? "(none)");
        }
        return row;
    }
}
