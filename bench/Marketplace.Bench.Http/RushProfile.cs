using System.Diagnostics;
using System.Globalization;
using Marketplace.Bench.Submissions;
using Microsoft.Data.Sqlite;

namespace Marketplace.Bench.Http;

/// <summary>
/// The rush's own parts (issue 15): B4 measured beside it, and <c>--rush-only</c>, which skips the listings
/// and start-up cases (generate, B1 @rush connections, B4, the rush), optionally with <c>--trace DIR</c>:
/// a <c>dotnet-trace</c> CPU-sample profile of the app process over the rush's measured seconds.
/// </summary>
internal static class RushProfile
{
    public const string B4Scenario = "B4: form post floor (cookie + stamp grain, antiforgery, 1 grain call, group commit, SQLite FULL)";

    /// <summary>B4 on its own SQLite file with the rush's sessions and as many notices; returns its figures for the rush's ratio.</summary>
    public static async Task<LoadResult> B4Async(BenchOptions o, IReadOnlyList<string> ngos, string work, LoadResult? b1Rush, Report report)
    {
        var dir = Path.Combine(work, "b4");
        var silo = Random.Shared.Next(30_000, 39_000).ToString(CultureInfo.InvariantCulture);
        Console.WriteLine("B4 minimal form-post app");
        await using var b4 = await AppProcess.StartAsync(o.SelfDll, ["--b4-server", "{port}", silo, dir], new Dictionary<string, string>(), "/");
        var notices = Enumerable.Range(0, o.Notices).Select(_ => Guid.NewGuid().ToString()).ToList();
        var (rush, cores) = await BenchRun.Measured(b4, () => Scenarios.RushAsync(b4.BaseAddress, ngos, notices, "-", o));
        await using var db = new SqliteConnection($"Data Source={Path.Combine(dir, "b4.db")};Mode=ReadOnly");
        var rows = await AppData.CountAsync(db, B4Log.Table);
        report.Add(Row.From(rush.Result, B4Scenario, b1Rush, "—", $"{rush.Sessions} sessions on {o.Notices} notices; acknowledged {rush.Acknowledged}, rows {rows}{FailuresNote(b4)}", cores));
        if (rows != rush.Acknowledged)
        {
            throw new InvalidOperationException($"B4: {rush.Acknowledged} acknowledged but {rows} rows stored");
        }
        return rush.Result with { Case = "B4" };
    }

    /// <summary>What failed posts answered and what the app logged as errors meanwhile (issue 15: an error is a lost user action).</summary>
    public static string FailuresNote(AppProcess app)
    {
        var failures = NgoSession.TakeFailures();
        var logged = app.Output.Where(l => l.Contains("fail:", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal))
            .GroupBy(l => l.Trim()).OrderByDescending(g => g.Count()).Take(3).Select(g => $"{g.Count()} × {g.Key[..Math.Min(160, g.Key.Length)]}").ToList();
        foreach (var line in app.Output.Where(l => l.Contains("Exception", StringComparison.Ordinal)).Take(20))
        {
            Console.WriteLine("  app: " + line);
        }
        return (failures.Length > 0 ? $"; failed posts: {failures}" : "") + (logged.Count > 0 ? $"; app logged: {string.Join(" / ", logged)}" : "");
    }

    /// <summary>The rush cases alone on SQLite (and PostgreSQL when given), for profiling and before/after comparisons.</summary>
    public static async Task<int> RunAsync(BenchOptions o)
    {
        var report = new Report();
        var work = Directory.CreateTempSubdirectory("marketplace-rush-");
        try
        {
            report.Fact("load average before the run (uptime)", File.ReadAllText("/proc/loadavg").Trim());
            var rushDir = Path.Combine(work.FullName, "rush");
            await BenchRun.GenerateAsync(o, ["--data", rushDir]);
            List<string> ngos;
            await using (var db = new SqliteConnection($"Data Source={Path.Combine(rushDir, "marketplace.db")};Mode=ReadOnly"))
            {
                ngos = [.. (await AppData.ReadAsync(db)).Ngos];
            }
            LoadResult b1;
            await using (var b1Server = await AppProcess.StartAsync(o.SelfDll, ["--b1-server", "{port}"], new Dictionary<string, string>(), "/"))
            {
                using var client = Scenarios.Anonymous(b1Server.BaseAddress, o.RushConnections);
                b1 = await Scenarios.GetAsync($"B1 @{o.RushConnections}", client, o, o.RushConnections, _ => "/");
                report.Add(Row.From(b1, b1.Case, null, "—", "baseline"));
            }
            var b4 = await B4Async(o, ngos, work.FullName, b1, report);
            var env = BenchRun.Environment(new Dictionary<string, string> { ["Database__Provider"] = "Sqlite", ["Database__DataDirectory"] = rushDir });
            await using (var app = await AppProcess.StartAsync(o.AppDll, [], env, "/"))
            {
                await using var db = new SqliteConnection($"Data Source={Path.Combine(rushDir, "marketplace.db")};Mode=ReadOnly");
                await BenchRun.RushAndCountAsync(app, db, "apply-form POST rush, SQLite synchronous=FULL", b4, o, report);
            }
            if (o.Postgres is { } pg)
            {
                await BenchRun.PostgresRunAsync(o, pg, report);
            }
            report.Fact("load average after the run (uptime)", File.ReadAllText("/proc/loadavg").Trim());
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"rush bench failed: {e.Message}");
            return 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
        await report.WriteAsync(o.OutDir);
        return 0;
    }

    /// <summary>
    /// Starts <c>dotnet-trace collect</c> (CPU samples) on the app for the rush's warm-up and measured seconds,
    /// when <c>--trace DIR</c> is given; the returned task ends when the trace file is written.
    /// </summary>
    public static Func<Task>? TraceStarter(BenchOptions o, AppProcess app, string scenario)
    {
        if (o.TraceDir is not { } dir)
        {
            return null;
        }
        return async () =>
        {
            Directory.CreateDirectory(dir);
            var seconds = (int)Math.Ceiling((o.WarmUp + o.Measure).TotalSeconds);
            var file = Path.Combine(dir, (scenario.Contains("PostgreSQL", StringComparison.Ordinal) ? "rush-postgres" : "rush-sqlite") + ".nettrace");
            var info = new ProcessStartInfo(Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".dotnet/tools/dotnet-trace"))
            {
                RedirectStandardOutput = true,
            };
            foreach (var a in new[] { "collect", "-p", app.ProcessId.ToString(CultureInfo.InvariantCulture), "--profile", "dotnet-sampled-thread-time", "--format", "Speedscope",
                         "--duration", TimeSpan.FromSeconds(seconds).ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture), "-o", file })
            {
                info.ArgumentList.Add(a);
            }
            var trace = Process.Start(info)!;
            _ = trace.StandardOutput.ReadToEndAsync();
            Pending = trace.WaitForExitAsync().ContinueWith(_ => Console.WriteLine($"  trace written: {file}"), TaskScheduler.Default);
            await Task.CompletedTask;
        };
    }

    /// <summary>The trace still being written, awaited before the app stops.</summary>
    public static Task Pending { get; private set; } = Task.CompletedTask;
}
