using System.Diagnostics;
using System.Globalization;
using Marketplace.Bench.Submissions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Marketplace.Bench.Http;

/// <summary>
/// The whole run: the real app as a process on a fresh database, each scenario over loopback HTTP, the
/// baselines (B1 here, B2/B3 from the grain-level bench) in the same run, then the table.
/// </summary>
internal static class BenchRun
{
    internal const string Password = "Demo@2026"; // the seeded accounts' public password (SeedOptions.DemoPassword)

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var report = new Report();
        var work = Directory.CreateTempSubdirectory("marketplace-bench-");
        var failed = false;
        try
        {
            if (o.ListingsOnly)
            {
                await ListingRun.OnlyAsync(o, work.FullName, report);
                await report.WriteAsync(o.OutDir);
                return 0;
            }
            if (o.Silos > 1)
            {
                await SilosRun.RunAsync(o, report);
            }
            else
            {
                await SqliteRunAsync(o, work.FullName, report);
            }
            if (o.Postgres is { } pg && o.Silos == 1)
            {
                await PostgresRunAsync(o, pg, report);
            }
            if (!o.Quick && o.Silos == 1)
            {
                await GrainBaselinesAsync(o.SubmissionsBenchDll, o, report);
            }
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"bench failed: {e.Message}");
            failed = true;
        }
        finally
        {
            work.Delete(recursive: true);
        }
        await report.WriteAsync(o.OutDir);
        return failed ? 1 : 0;
    }

    /// <summary>Configuration of the app for the bench: its own ports, quiet logs, the public limits out of the way.</summary>
    internal static Dictionary<string, string> Environment(IReadOnlyDictionary<string, string> database)
    {
        var silo = Random.Shared.Next(20_000, 29_000);
        var env = new Dictionary<string, string>(database)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Silo__SiloPort"] = silo.ToString(CultureInfo.InvariantCulture),
            ["Silo__GatewayPort"] = (silo + 1).ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            // The per-address abuse limits (ADR 0009) would refuse a load generator on one address by design.
            ["Security__Limits__PublicJson__Permits"] = "1000000000",
            ["Security__Limits__PublicForm__Permits"] = "1000000000",
            ["Security__Limits__Login__Permits"] = "1000000000",
        };
        StartupProbe.Enable(env);
        return env;
    }

    private static async Task SqliteRunAsync(BenchOptions o, string work, Report report)
    {
        var dataDir = Path.Combine(work, "sqlite");
        var env = Environment(new Dictionary<string, string> { ["Database__Provider"] = "Sqlite", ["Database__DataDirectory"] = dataDir });
        LoadResult b1Listing, b1Rush;
        await using (var b1 = await AppProcess.StartAsync(o.SelfDll, ["--b1-server", "{port}"], new Dictionary<string, string>(), "/"))
        {
            using var client = Scenarios.Anonymous(b1.BaseAddress, o.RushConnections);
            Console.WriteLine("B1 minimal Kestrel \"ok\"");
            b1Listing = await Scenarios.GetAsync($"B1 @{o.ListingConnections}", client, o, o.ListingConnections, _ => "/");
            b1Rush = await Scenarios.GetAsync($"B1 @{o.RushConnections}", client, o, o.RushConnections, _ => "/");
            report.Add(Row.From(b1Listing, b1Listing.Case, null, "—", "baseline"));
            report.Add(Row.From(b1Rush, b1Rush.Case, null, "—", "baseline"));
            report.Fact("B1 resident memory after its runs (MB)", b1.Memory().Rss.ToString("0", CultureInfo.InvariantCulture));
        }

        Console.WriteLine("app on a fresh SQLite database");
        await using (var app = await AppProcess.StartAsync(o.AppDll, [], env, "/"))
        {
            report.Fact("start-up to first 200, fresh SQLite database (migrations + seeding)", $"{app.StartUpToFirst200.TotalSeconds:0.00} s (target ≤ 5 s)");
            report.Fact("fresh start-up, from the app's log", StartupProbe.Breakdown(app.Output));
            report.Fact("resident memory right after start-up (MB)", app.Memory().Rss.ToString("0", CultureInfo.InvariantCulture));
            await using var db = new SqliteConnection($"Data Source={Path.Combine(dataDir, "marketplace.db")};Mode=ReadOnly");
            // The full run measures the listings at scale on their own database (ListingRun.AtScaleAsync below).
            if (o.Quick)
            {
                await ListingRun.MeasureAsync(app, db, o, report, b1Listing, "demo data");
            }
        }

        Console.WriteLine("app restarted on the seeded SQLite database");
        await using (var again = await AppProcess.StartAsync(o.AppDll, [], env, "/"))
        {
            report.Fact("start-up to first 200, seeded SQLite database", $"{again.StartUpToFirst200.TotalSeconds:0.00} s (target ≤ 3 s)");
            report.Fact("seeded start-up, from the app's log", StartupProbe.Breakdown(again.Output));
            await Task.Delay(o.Quick ? 1000 : 5000); // an idle period, measured: not synchronisation
            report.Fact("resident memory at idle after start-up, seeded (MB)", again.Memory().Rss.ToString("0", CultureInfo.InvariantCulture));
        }
        if (!o.Quick)
        {
            await ListingRun.AtScaleAsync(o, work, report, b1Listing);
        }

        // The rush on its own database: the generator's organizations, NGO logins and open notices.
        var rushDir = Path.Combine(work, "rush");
        await GenerateAsync(o, ["--data", rushDir, .. ScoringScenario.GeneratorArguments(o)]);
        List<string> ngos;
        await using (var generated = new SqliteConnection($"Data Source={Path.Combine(rushDir, "marketplace.db")};Mode=ReadOnly"))
        {
            ngos = [.. (await AppData.ReadAsync(generated)).Ngos];
        }
        var b4 = await RushProfile.B4Async(o, ngos, work, b1Rush, report);
        var rushEnv = Environment(new Dictionary<string, string> { ["Database__Provider"] = "Sqlite", ["Database__DataDirectory"] = rushDir });
        Console.WriteLine($"app on the generated SQLite database ({o.Organizations} organizations, {o.Notices} open notices)");
        await using (var app = await AppProcess.StartAsync(o.AppDll, [], rushEnv, "/"))
        {
            await using var db = new SqliteConnection($"Data Source={Path.Combine(rushDir, "marketplace.db")};Mode=ReadOnly");
            await RushAndCountAsync(app, db, "apply-form POST rush, SQLite synchronous=FULL", b4, o, report);
            await ScoringScenario.ReportAsync(app, db, Password, b1Rush, o, report);
            var memory = app.Memory();
            report.Fact("app resident memory after the rush / peak (MB)", $"{memory.Rss:0} / {memory.Peak:0}");
        }
    }

    /// <summary>The bench-only data generator (bench/Marketplace.Bench.Submissions --generate) on a fresh database.</summary>
    internal static async Task GenerateAsync(BenchOptions o, string[] target, int? organizations = null, int? notices = null)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetTempPath() };
        foreach (var a in new[] { o.SubmissionsBenchDll, "--generate", Password, "--orgs", (organizations ?? o.Organizations).ToString(CultureInfo.InvariantCulture),
                     "--tenders", (notices ?? o.Notices).ToString(CultureInfo.InvariantCulture) }.Concat(target))
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the data generator failed (exit {process.ExitCode})");
        }
    }

    internal static async Task PostgresRunAsync(BenchOptions o, string server, Report report)
    {
        var name = $"bench_http_{System.Environment.ProcessId}_{Random.Shared.Next(1_000_000)}";
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var env = Environment(new Dictionary<string, string> { ["Database__Provider"] = "Postgres", ["Database__ConnectionString"] = connection });
        Console.WriteLine($"app on a fresh PostgreSQL database {name}");
        try
        {
            await GenerateAsync(o, ["--connection", connection, "--data", Path.GetTempPath()]);
            await using var app = await AppProcess.StartAsync(o.AppDll, [], env, "/");
            await using var db = new NpgsqlConnection(connection);
            await RushAndCountAsync(app, db, "apply-form POST rush, PostgreSQL", b4: null, o, report);
        }
        finally
        {
            await DropDatabaseAsync(server, name);
        }
    }

    /// <summary>Drops the bench's PostgreSQL database, whatever the run left connected to it.</summary>
    internal static async Task DropDatabaseAsync(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>B2 (raw SQLite) and B3 (bare grain call) from the grain-level bench, in the same run.</summary>
    private static async Task GrainBaselinesAsync(string dll, BenchOptions o, Report report)
    {
        Console.WriteLine("B2/B3 from bench/Marketplace.Bench.Submissions");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var a in new[] { dll, "--cases", "echo,raw", "--seconds", o.Measure.TotalSeconds.ToString(CultureInfo.InvariantCulture), "--warmup", "1" })
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        foreach (var line in output.Split('\n').Where(l => l.StartsWith('|') && !l.StartsWith("|--", StringComparison.Ordinal) && !l.Contains("case", StringComparison.Ordinal)))
        {
            report.Add(Row.FromGrainBench(line));
        }
    }

    /// <summary>The rush on a generated database; fails the run when acknowledgements and stored rows differ.</summary>
    internal static async Task RushAndCountAsync(AppProcess app, System.Data.Common.DbConnection db, string scenario, LoadResult? b4, BenchOptions o, Report report)
    {
        var data = await AppData.ReadAsync(db);
        var before = await AppData.CountAsync(db, "TenderSubmissions");
        using var open = Scenarios.Anonymous(app.BaseAddress, 1);
        var tenders = await AppData.OpenTendersAsync(open);
        var (rush, cores) = await Measured(app, () => Scenarios.RushAsync(app.BaseAddress, data.Ngos, tenders, Password, o, RushProfile.TraceStarter(o, app, scenario)));
        await RushProfile.Pending;
        var rows = await AppData.CountAsync(db, "TenderSubmissions") - before;
        report.Add(Row.From(rush.Result, scenario, b4, "≥ 10,000 /s, ≥ 0.8 × B4, p99 ≤ 100 ms",
            $"{rush.Sessions} sessions on {o.Notices} notices; acknowledged {rush.Acknowledged}, rows {rows}{RushProfile.FailuresNote(app)}", cores));
        if (rows != rush.Acknowledged)
        {
            throw new InvalidOperationException($"{scenario}: {rush.Acknowledged} acknowledged but {rows} rows stored");
        }
    }

    /// <summary>Runs a scenario and how many of the machine's cores the app process used meanwhile.</summary>
    internal static async Task<(T Result, double Cores)> Measured<T>(AppProcess app, Func<Task<T>> scenario)
    {
        var cpu = app.CpuSeconds();
        var wall = Stopwatch.StartNew();
        var result = await scenario();
        return (result, (app.CpuSeconds() - cpu) / wall.Elapsed.TotalSeconds);
    }
}
