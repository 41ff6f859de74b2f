using Microsoft.Data.Sqlite;

namespace Marketplace.Bench.Submissions;

/// <summary>
/// Baselines on the same disk, in the same run: the raw SQLite file with the product's settings (WAL,
/// synchronous commit) and a row the size of a submission — one transaction per row (what a write per
/// request costs), and 100 rows per transaction (what group commit can reach at best).
/// </summary>
internal static class RawSqliteBaseline
{
    public static async Task<LoadResult> RunAsync(string directory, int rowsPerTransaction, TimeSpan warmUp, TimeSpan measure)
    {
        var path = Path.Combine(directory, $"raw-{rowsPerTransaction}.db");
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE Rows (Id INTEGER PRIMARY KEY, TenderId TEXT NOT NULL, Document TEXT NOT NULL);";
            await setup.ExecuteNonQueryAsync();
        }
        var document = new string('x', 600); // about the JSON of one application
        var tender = Guid.NewGuid().ToString();
        // One caller: SQLite has one writer at a time, more callers only queue on its lock.
        return await LoadRun.RunAsync(rowsPerTransaction == 1 ? "raw SQLite: 1 row per transaction" : $"raw SQLite: {rowsPerTransaction} rows per transaction",
            1, warmUp, measure, async (_, _) =>
            {
                await using var tx = connection.BeginTransaction();
                await using var insert = connection.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO Rows (TenderId, Document) VALUES ($t, $d)";
                insert.Parameters.AddWithValue("$t", tender);
                insert.Parameters.AddWithValue("$d", document);
                for (var i = 0; i < rowsPerTransaction; i++)
                {
                    await insert.ExecuteNonQueryAsync();
                }
                await tx.CommitAsync();
                return true;
            }) is var r ? r with { Operations = r.Operations * rowsPerTransaction } : throw new InvalidOperationException();
    }
}
