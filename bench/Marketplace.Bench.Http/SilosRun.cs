using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Marketplace.Bench.Http;

/// <summary>
/// <c>--silos N</c>: the rush and the catalog listing on one generated PostgreSQL database, first with one app
/// process, then with N processes as one Orleans cluster (Redis membership), the load spread round-robin over
/// them as a proxy would. Both runs use Redis clustering, so the difference is the number of processes.
/// </summary>
internal static class SilosRun
{
    public static async Task RunAsync(BenchOptions o, Report report)
    {
        var server = o.Postgres ?? throw new ArgumentException("--silos needs --postgres (several silos share one PostgreSQL database)");
        var redis = o.Redis ?? System.Environment.GetEnvironmentVariable("MARKETPLACE_TEST_REDIS")
            ?? throw new ArgumentException("--silos needs --redis host:port (or MARKETPLACE_TEST_REDIS)");
        var name = $"bench_silos_{System.Environment.ProcessId}_{Random.Shared.Next(1_000_000)}";
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        try
        {
            await BenchRun.GenerateAsync(o, ["--connection", connection, "--data", Path.GetTempPath()]);
            foreach (var count in new[] { 1, o.Silos })
            {
                await MeasureAsync(o, report, connection, redis, count);
            }
        }
        finally
        {
            await BenchRun.DropDatabaseAsync(server, name);
        }
    }

    private static async Task MeasureAsync(BenchOptions o, Report report, string connection, string redis, int count)
    {
        var cluster = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var silos = new List<AppProcess>();
        Console.WriteLine($"{count} silo(s) on PostgreSQL, Redis clustering {cluster}");
        try
        {
            for (var i = 0; i < count; i++)
            {
                // Each process its own silo and gateway ports (BenchRun.Environment draws them), one cluster id.
                var env = BenchRun.Environment(new Dictionary<string, string>
                {
                    ["Database__Provider"] = "Postgres", ["Database__ConnectionString"] = connection,
                    ["Silo__Clustering"] = "Redis", ["Silo__RedisConnectionString"] = redis, ["Silo__ClusterId"] = cluster,
                });
                silos.Add(await AppProcess.StartAsync(o.AppDll, [], env, "/"));
            }
            var label = count == 1 ? "1 silo" : $"{count} silos";
            var addresses = silos.Select(s => s.BaseAddress).ToList();
            await using var db = new NpgsqlConnection(connection);
            var data = await AppData.ReadAsync(db);
            var clients = addresses.Select(a => Scenarios.Anonymous(a, o.ListingConnections)).ToList();
            var listing = await Measured(silos, () => Scenarios.GetAsync($"GET /api/public/catalog, {label}", clients, o, o.ListingConnections,
                Scenarios.CatalogPaths("/api/public/catalog", data)));
            report.Add(Row.From(listing.Result, $"GET /api/public/catalog (random filters), PostgreSQL, {label}", null, "—", $"load {Load()}", listing.Cores));
            clients.ForEach(c => c.Dispose());

            var before = await AppData.CountAsync(db, "TenderSubmissions");
            using var open = Scenarios.Anonymous(addresses[0], 1);
            var tenders = await AppData.OpenTendersAsync(open);
            var rush = await Measured(silos, () => Scenarios.RushAsync(addresses, data.Ngos, tenders, BenchRun.Password, o));
            var rows = await AppData.CountAsync(db, "TenderSubmissions") - before;
            report.Add(Row.From(rush.Result.Result, $"apply-form POST rush, PostgreSQL, {label}", null, "—",
                $"{rush.Result.Sessions} sessions on {o.Notices} notices; acknowledged {rush.Result.Acknowledged}, rows {rows}; load {Load()}", rush.Cores));
            if (rows != rush.Result.Acknowledged)
            {
                throw new InvalidOperationException($"{label}: {rush.Result.Acknowledged} acknowledged but {rows} rows stored");
            }
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>A scenario and the cores all the app processes used meanwhile (their CPU time over wall time).</summary>
    private static async Task<(T Result, double Cores)> Measured<T>(IReadOnlyList<AppProcess> silos, Func<Task<T>> scenario)
    {
        var cpu = silos.Sum(s => s.CpuSeconds());
        var wall = Stopwatch.StartNew();
        var result = await scenario();
        return (result, (silos.Sum(s => s.CpuSeconds()) - cpu) / wall.Elapsed.TotalSeconds);
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
