using System.Globalization;
using System.Net;
using System.Text.Json;
using Npgsql;

namespace Marketplace.Tests.Integration.Infrastructure;

/// <summary>
/// Several app processes (<see cref="AppProcess"/>) as one Orleans cluster: one PostgreSQL database, Redis
/// membership under a cluster id of their own, each with its own HTTP, silo and gateway port on loopback.
/// </summary>
public sealed class AppCluster : IDisposable
{
    public const string RedisVariable = "MARKETPLACE_TEST_REDIS";

    private readonly List<AppProcess> _silos = [];
    private readonly bool[] _killed;
    private readonly IEnumerable<KeyValuePair<string, string?>> _settings;
    private int _next;

    private AppCluster(TestDatabase database, string redis, int size)
    {
        _killed = new bool[size];
        _settings = database.Settings().Concat(new Dictionary<string, string?>
        {
            ["Silo:Clustering"] = "Redis",
            ["Silo:RedisConnectionString"] = redis,
            ["Silo:ClusterId"] = "three-" + Guid.NewGuid().ToString("N")[..8],
            ["Silo:ServiceId"] = "marketplace-test",
        }).ToList();
        ConnectionString = database.ConnectionString!;
    }

    public string ConnectionString { get; }
    public IReadOnlyList<AppProcess> Silos => _silos;

    /// <summary>Why a cluster cannot run here (no PostgreSQL or no Redis), or null.</summary>
    public static string? SkipReason() =>
        TestDatabase.SkipReason(DatabaseTarget.Postgres)
        ?? (Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } ? null
            : $"Several silos skipped: set {RedisVariable} to a Redis server, e.g. 127.0.0.1:6379 (CI does).");

    /// <summary>
    /// Starts the first process alone (it migrates and seeds the database), runs <paramref name="beforeOthers"/>
    /// against it, then starts the rest together, as a rolling deployment adds silos to a running one.
    /// </summary>
    public static async Task<AppCluster> StartAsync(TestDatabase database, int size, Func<AppProcess, Task> beforeOthers)
    {
        var cluster = new AppCluster(database, Environment.GetEnvironmentVariable(RedisVariable)!, size);
        try
        {
            // A cold start migrates and seeds PostgreSQL: on a loaded 2-core machine that can pass two minutes.
            cluster._silos.Add(await AppProcess.StartAsync(cluster._settings, TimeSpan.FromMinutes(4)));
            await beforeOthers(cluster._silos[0]);
            cluster._silos.AddRange(await Task.WhenAll(Enumerable.Range(1, size - 1).Select(_ => AppProcess.StartAsync(cluster._settings, TimeSpan.FromMinutes(3)))));
            using var http = new HttpClient();
            foreach (var silo in cluster._silos)
            {
                var home = await http.GetAsync(silo.BaseAddress);
                if (home.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{silo.BaseAddress} answered {(int)home.StatusCode}");
                }
            }
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>The next process still running, round-robin (a proxy's upstream without the dead one).</summary>
    public int NextLive()
    {
        while (true)
        {
            var i = (int)((uint)Interlocked.Increment(ref _next) % (uint)_silos.Count);
            if (!Volatile.Read(ref _killed[i]))
            {
                return i;
            }
        }
    }

    /// <summary>SIGKILL to one process; it is taken out of <see cref="NextLive"/> first, as a proxy's health check does.</summary>
    public void Kill(int index)
    {
        Volatile.Write(ref _killed[index], true);
        _silos[index].Kill();
    }

    /// <summary>Hangfire's jobs for DueWorkRunner in the shared PostgreSQL storage: (scheduled-work id, state name).</summary>
    public async Task<List<(long WorkId, string State)>> DueWorkJobsAsync()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT arguments::text, statename FROM hangfire.job WHERE invocationdata::text LIKE '%DueWorkRunner%'";
        var jobs = new List<(long, string)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            using var args = JsonDocument.Parse(reader.GetString(0));
            var first = args.RootElement[0];
            var id = first.ValueKind == JsonValueKind.String ? long.Parse(first.GetString()!, CultureInfo.InvariantCulture) : first.GetInt64();
            jobs.Add((id, reader.IsDBNull(1) ? "" : reader.GetString(1)));
        }
        return jobs;
    }

    public void Dispose()
    {
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }
    }
}
