using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Marketplace.Tests.Integration.Security;

/// <summary>
/// Row count and an order-free hash of every row of every table the app writes, to show that a refused
/// post wrote nothing (issue 16 item 6: no partial write). On SQLite a hash is taken only when the file's
/// <c>data_version</c> moved (someone committed); on PostgreSQL always.
/// </summary>
internal sealed class DatabaseFingerprint : IAsyncDisposable
{
    private readonly SqliteConnection? _sqlite;
    private readonly NpgsqlConnection? _postgres;
    private string? _query;
    private long _dataVersion = -1;

    private DatabaseFingerprint(SqliteConnection? sqlite, NpgsqlConnection? postgres)
    {
        _sqlite = sqlite;
        _postgres = postgres;
    }

    public static async Task<DatabaseFingerprint> OpenAsync(TestDatabase database)
    {
        if (database.Target == DatabaseTarget.Sqlite)
        {
            var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(database.DataDirectory, "marketplace.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
            }.ToString());
            await sqlite.OpenAsync();
            // Sum of per-row hashes: the same rows in any order give the same figure.
            sqlite.CreateAggregate<string?, long>("row_hash", 0L, (sum, row) => unchecked(sum + Fnv(row)), isDeterministic: true);
            return new DatabaseFingerprint(sqlite, null);
        }
        var postgres = new NpgsqlConnection(database.ConnectionString);
        await postgres.OpenAsync();
        return new DatabaseFingerprint(null, postgres);
    }

    /// <summary>True when nothing can have been written since the last call (SQLite only; PostgreSQL always says "maybe").</summary>
    public async Task<bool> UnchangedSinceLastAsync()
    {
        if (_sqlite is null)
        {
            return false;
        }
        await using var cmd = _sqlite.CreateCommand();
        cmd.CommandText = "PRAGMA data_version";
        var version = (long)(await cmd.ExecuteScalarAsync())!;
        var unchanged = version == _dataVersion;
        _dataVersion = version;
        return unchanged;
    }

    public async Task<Dictionary<string, (long Rows, long Hash)>> TakeAsync()
    {
        _query ??= await BuildQueryAsync();
        var result = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        await using var cmd = _sqlite is not null ? (System.Data.Common.DbCommand)_sqlite.CreateCommand() : _postgres!.CreateCommand();
        cmd.CommandText = _query;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = (Convert.ToInt64(reader.GetValue(1)), reader.IsDBNull(2) ? 0 : Convert.ToInt64(reader.GetValue(2)));
        }
        return result;
    }

    /// <summary>The tables whose figures differ between two snapshots.</summary>
    public static List<string> Changed(Dictionary<string, (long Rows, long Hash)> before, Dictionary<string, (long Rows, long Hash)> after) =>
        [.. before.Keys.Union(after.Keys).Where(t => !before.TryGetValue(t, out var b) || !after.TryGetValue(t, out var a) || a != b).Order()];

    private async Task<string> BuildQueryAsync()
    {
        var parts = new List<string>();
        if (_sqlite is not null)
        {
            var tables = new List<string>();
            await using (var cmd = _sqlite.CreateCommand())
            {
                cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync())
                {
                    tables.Add(r.GetString(0));
                }
            }
            foreach (var table in tables)
            {
                var columns = new List<string>();
                await using var cmd = _sqlite.CreateCommand();
                cmd.CommandText = $"SELECT name FROM pragma_table_info('{table.Replace("'", "''")}')";
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync())
                {
                    columns.Add($"quote(\"{r.GetString(0)}\")");
                }
                parts.Add($"SELECT '{table}', COUNT(*), row_hash({string.Join(" || ',' || ", columns)}) FROM \"{table}\"");
            }
        }
        else
        {
            await using var cmd = _postgres!.CreateCommand();
            cmd.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                var table = r.GetString(0);
                parts.Add($"SELECT '{table}', COUNT(*), COALESCE(SUM(hashtext(t::text)::bigint), 0) FROM public.\"{table}\" t");
            }
        }
        return string.Join("\nUNION ALL\n", parts);
    }

    private static long Fnv(string? row)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in row ?? "\0null")
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }
        return unchecked((long)hash);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
