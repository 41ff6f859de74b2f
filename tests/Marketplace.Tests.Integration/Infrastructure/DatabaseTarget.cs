using Npgsql;

namespace Marketplace.Tests.Integration.Infrastructure;

/// <summary>Which real database a test host runs on.</summary>
public enum DatabaseTarget
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh database for one test host: a SQLite file in a temporary folder, or a new database on the
/// PostgreSQL server named by MARKETPLACE_TEST_POSTGRES (CI always sets it).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "MARKETPLACE_TEST_POSTGRES";

    private TestDatabase(DatabaseTarget target, string dataDirectory, string? connectionString, string? postgresName)
    {
        Target = target;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        _postgresName = postgresName;
    }

    private readonly string? _postgresName;

    public DatabaseTarget Target { get; }
    public string DataDirectory { get; }
    public string? ConnectionString { get; }

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    /// <summary>Why a PostgreSQL test cannot run here, or null when it can.</summary>
    public static string? SkipReason(DatabaseTarget target) =>
        target == DatabaseTarget.Postgres && PostgresServer is null
            ? $"PostgreSQL flavour skipped: set {PostgresVariable} to a server connection string (CI does)."
            : null;

    public static TestDatabase Create(DatabaseTarget target)
    {
        var dir = Path.Combine(Path.GetTempPath(), "marketplace-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        if (target == DatabaseTarget.Sqlite)
        {
            return new TestDatabase(target, dir, null, null);
        }
        var name = "mp_test_" + Guid.NewGuid().ToString("N")[..12];
        var server = new NpgsqlConnectionStringBuilder(PostgresServer!);
        var cs = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
        return new TestDatabase(target, dir, cs, name);
    }

    public IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        yield return new("Database:Provider", Target.ToString());
        yield return new("Database:DataDirectory", DataDirectory);
        if (ConnectionString is not null)
        {
            yield return new("Database:ConnectionString", ConnectionString);
        }
    }

    public void Dispose()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer!) { Database = "postgres" }.ConnectionString);
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)";
            cmd.ExecuteNonQuery();
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing host; the temp folder is cleaned by the OS later.
        }
    }
}
