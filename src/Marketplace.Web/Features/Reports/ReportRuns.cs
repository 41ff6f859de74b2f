using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Database;
using Marketplace.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Reports;

/// <summary>
/// Starts background reports and carries them out as timed work due now, so a run queued before a
/// restart is produced after it (docs/decisions/0001).
/// </summary>
public sealed class ReportRuns(
    IDbContextFactory<AppDbContext> dbFactory, DueWork dueWork, IEnumerable<IReportProducer> producers,
    DatabaseOptions database, TimeProvider clock) : IDueWorkHandler
{
    public const string WorkKind = "report.run";

    public string Kind => WorkKind;

    public string Directory => Path.Combine(database.DataDirectory, "reports");

    public async Task<Guid> StartAsync(string kind, string title, int year, long? districtId, string userId, CancellationToken ct)
    {
        if (producers.All(p => p.Kind != kind))
        {
            throw new ArgumentException($"Unknown report kind '{kind}'.", nameof(kind));
        }
        var run = new ReportRun
        {
            Id = Guid.NewGuid(), Kind = kind, Title = title, Year = year, DistrictId = districtId, RequestedBy = userId,
            Status = ReportRunStatus.Queued, CreatedAt = clock.GetUtcNow(),
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.ReportRuns.Add(run);
            await db.SaveChangesAsync(ct);
        }
        await dueWork.ScheduleAsync(WorkKind, run.Id.ToString(), clock.GetUtcNow(), ct);
        return run.Id;
    }

    public string PathOf(ReportRun run) => Path.Combine(Directory, run.FileName!);

    /// <summary>The job. Safe to run twice: a finished run is left alone, an interrupted one starts over.</summary>
    public async Task RunAsync(string subjectId, CancellationToken ct)
    {
        var id = Guid.Parse(subjectId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ReportRuns.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (run is null || run.Status == ReportRunStatus.Done)
        {
            return;
        }
        var producer = producers.Single(p => p.Kind == run.Kind);
        run.Status = ReportRunStatus.Running;
        run.Progress = 0;
        await db.SaveChangesAsync(ct);

        System.IO.Directory.CreateDirectory(Directory);
        var fileName = $"{run.Id:N}.pdf";
        var temporary = Path.Combine(Directory, fileName + ".part");
        try
        {
            await using (var output = File.Create(temporary))
            {
                var progress = new ProgressWriter(dbFactory, run.Id);
                await producer.ProduceAsync(new ReportRunRequest(run.Id, run.Year, run.DistrictId), output, progress, ct);
                await progress.FlushAsync();
            }
            File.Move(temporary, Path.Combine(Directory, fileName), overwrite: true);
            run.Status = ReportRunStatus.Done;
            run.Progress = 100;
            run.FileName = fileName;
            run.CompletedAt = clock.GetUtcNow();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            File.Delete(temporary);
            run.Status = ReportRunStatus.Failed;
            run.Error = "报告生成失败：" + (ex.Message.Length > 500 ? ex.Message[..500] : ex.Message);
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Writes progress to the row at most once per whole percent, off the producer's thread.</summary>
    private sealed class ProgressWriter(IDbContextFactory<AppDbContext> dbFactory, Guid runId) : IProgress<int>
    {
        private int _written = -1;
        private Task _pending = Task.CompletedTask;
        private readonly Lock _gate = new();

        public void Report(int value)
        {
            value = Math.Clamp(value, 0, 99);
            lock (_gate)
            {
                if (value <= _written)
                {
                    return;
                }
                _written = value;
                _pending = _pending.ContinueWith(_ => WriteAsync(value), TaskScheduler.Default).Unwrap();
            }
        }

        public Task FlushAsync()
        {
            lock (_gate)
            {
                return _pending;
            }
        }

        private async Task WriteAsync(int value)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            await db.ReportRuns.Where(r => r.Id == runId && r.Progress < value)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Progress, value));
        }
    }
}
