using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketplace.Tests.Integration.Hosting;

/// <summary>What a crash test reads from the database the killed process wrote, outside any app process.</summary>
internal static class CrashChecks
{
    /// <summary>The tables a submission, a posting and a timer are written to; their indexes are what a torn write would break.</summary>
    private static readonly string[] CheckedTables = ["TenderSubmissions", "Tenders", "LedgerPostingGroups", "LedgerPostings", "ScheduledWork", "StreetBudgets", "StreetBudgetSources"];

    public static AppDbContext Open(TestDatabase database) => database.Target == DatabaseTarget.Sqlite
        ? new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={SqliteFile(database)};Pooling=False").Options)
        : new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(database.ConnectionString).Options);

    private static string SqliteFile(TestDatabase database) => Path.Combine(database.DataDirectory, "marketplace.db");

    /// <summary>
    /// SQLite: <c>PRAGMA integrity_check</c> over the whole file. PostgreSQL has no such pragma; amcheck's
    /// <c>bt_index_check(index, heapallindexed)</c> verifies each B-tree of the written tables and that every
    /// heap row is in it. Returns what was checked, for the log.
    /// </summary>
    public static async Task<string> IntegrityAsync(TestDatabase database)
    {
        if (database.Target == DatabaseTarget.Sqlite)
        {
            await using var conn = new SqliteConnection($"Data Source={SqliteFile(database)};Pooling=False");
            await conn.OpenAsync();
            await using var check = conn.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            var result = (string?)await check.ExecuteScalarAsync();
            Assert.Equal("ok", result);
            return "PRAGMA integrity_check ok";
        }
        await using var pg = new NpgsqlConnection(database.ConnectionString);
        await pg.OpenAsync();
        await using (var create = pg.CreateCommand())
        {
            create.CommandText = "CREATE EXTENSION IF NOT EXISTS amcheck";
            await create.ExecuteNonQueryAsync();
        }
        await using var cmd = pg.CreateCommand();
        // bt_index_check raises an error on a corrupt index; every checked index is listed.
        cmd.CommandText = """
            SELECT c.relname, i.relname, bt_index_check(i.oid, true)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
            JOIN pg_am a ON a.oid = i.relam
            WHERE a.amname = 'btree' AND c.relname = ANY(@tables) ORDER BY 1, 2
            """;
        cmd.Parameters.AddWithValue("tables", CheckedTables);
        var indexes = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add(reader.GetString(1));
            }
        }
        Assert.True(indexes.Count >= CheckedTables.Length, $"only {indexes.Count} indexes found on {string.Join(", ", CheckedTables)}");
        return $"amcheck bt_index_check(heapallindexed) ok on {indexes.Count} indexes of {CheckedTables.Length} tables";
    }

    /// <summary>Polls the database until <paramref name="done"/> holds, up to <paramref name="timeout"/>.</summary>
    public static async Task<T> PollAsync<T>(TestDatabase database, Func<AppDbContext, Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            await using var db = Open(database);
            var value = await read(db);
            if (done(value) || DateTimeOffset.UtcNow > until)
            {
                return value;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
