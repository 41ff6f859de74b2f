using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Marketplace.Bench.Http;

public sealed record B4Row(Guid Notice, string User, string SubmitKey, string Document);

/// <summary>
/// B4's group commit: one writer puts whatever has queued (up to 2,000 rows, the product's
/// <c>TenderSubmissionLog</c> limit) into one transaction on a SQLite file opened as the product opens its
/// own (private cache, pooling, WAL) with synchronous=FULL, and answers each row after the commit. A
/// repeated submit key is refused by the unique index, as the product's idempotency key is.
/// </summary>
public sealed class B4Log : IAsyncDisposable
{
    private const int MaxRowsPerTransaction = 2_000;
    private readonly string _connection;
    private readonly Channel<(B4Row Row, TaskCompletionSource<bool> Done)> _queue = Channel.CreateUnbounded<(B4Row, TaskCompletionSource<bool>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public B4Log(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connection = new SqliteConnectionStringBuilder { DataSource = path, Cache = SqliteCacheMode.Private, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var db = Open();
        Execute(db, "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS Submissions (Id INTEGER PRIMARY KEY, Notice TEXT NOT NULL, " +
            "UserName TEXT NOT NULL, SubmitKey TEXT NOT NULL UNIQUE, Document TEXT NOT NULL, SubmittedAt TEXT NOT NULL);");
        _writer = Task.Run(WriteLoopAsync);
    }

    public static string Table => "Submissions";

    public Task<bool> AppendAsync(B4Row row)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((row, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(B4Log)));
        }
        return done.Task;
    }

    private SqliteConnection Open()
    {
        var db = new SqliteConnection(_connection);
        db.Open();
        Execute(db, "PRAGMA synchronous=FULL;");
        return db;
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        using var db = Open();
        while (await reader.WaitToReadAsync())
        {
            var batch = new List<(B4Row Row, TaskCompletionSource<bool> Done)>();
            while (batch.Count < MaxRowsPerTransaction && reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            var stored = new bool[batch.Count];
            try
            {
                using var tx = db.BeginTransaction();
                using var insert = db.CreateCommand();
                insert.CommandText = "INSERT OR IGNORE INTO Submissions (Notice, UserName, SubmitKey, Document, SubmittedAt) VALUES ($n, $u, $k, $d, $t)";
                var p = new[] { "$n", "$u", "$k", "$d", "$t" }.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
                for (var i = 0; i < batch.Count; i++)
                {
                    var r = batch[i].Row;
                    (p[0].Value, p[1].Value, p[2].Value, p[3].Value, p[4].Value) = (r.Notice.ToString(), r.User, r.SubmitKey, r.Document, DateTimeOffset.UtcNow.ToString("O"));
                    stored[i] = insert.ExecuteNonQuery() == 1;
                }
                tx.Commit();
            }
            catch (Exception ex)
            {
                batch.ForEach(b => b.Done.TrySetException(ex));
                continue;
            }
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(stored[i]);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }
}
