using System.Globalization;
using Marketplace.Bench.Submissions;
using Marketplace.Domain;
using Marketplace.Tendering;
using Microsoft.Extensions.DependencyInjection;

// Deadline-rush load generator (ADR 0007): acknowledged, durable submissions per second through the
// product's silo, beside a bare grain call and raw SQLite measured in the same run on the same disk.
//   dotnet run -c Release --project bench/Marketplace.Bench.Submissions -- [--seconds 10] [--concurrency 512]
//       [--tenders 100] [--orgs 200] [--data DIR] [--postgres "Host=…;Username=…;Password=…"]
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "");
int Option(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var measure = TimeSpan.FromSeconds(Option("seconds", 10));
var warmUp = TimeSpan.FromSeconds(Option("warmup", 3));
var concurrency = Option("concurrency", 512);
var tenderCount = Option("tenders", 100);
var orgCount = Option("orgs", 200);
var postgres = options.GetValueOrDefault("postgres");
var cases = (options.GetValueOrDefault("cases") ?? "echo,log,across,hot,raw").Split(',');
var data = Path.GetFullPath(options.GetValueOrDefault("data") ?? Path.Combine("bench-data", DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)));
Directory.CreateDirectory(data);

// --generate: only create a rush's data (organizations with NGO logins, open notices) in a fresh database
// for the HTTP bench (bench/run), which then starts the real app on it; --experts N (odd) adds the closed
// notice of the expert-scoring scenario with a panel of N declared experts and their evaluator logins.
if (options.TryGetValue("generate", out var password))
{
    var target = options.GetValueOrDefault("connection");
    await using var generator = await BenchSilo.StartAsync(string.IsNullOrEmpty(target) ? "Sqlite" : "Postgres", string.IsNullOrEmpty(target) ? null : target, data,
        TimeSpan.FromMinutes(5));
    var admitted = await BenchData.OrganizationsAsync(generator, orgCount);
    await BenchData.TendersAsync(generator, tenderCount);
    await BenchLogins.CreateAsync(generator, admitted, password);
    // --listings STREETS:ITEMS[:CONTRACTS]: the public listings and the district PDF at scale (issue 15), e.g. 1000:10000:20000.
    if (options.GetValueOrDefault("listings") is { Length: > 0 } listings && listings.Split(':') is [var streets, var items, .. var rest])
    {
        await ListingData.CreateAsync(generator, int.Parse(streets, CultureInfo.InvariantCulture), int.Parse(items, CultureInfo.InvariantCulture),
            rest is [var contracts] ? int.Parse(contracts, CultureInfo.InvariantCulture) : 0, admitted);
    }
    Console.WriteLine($"generated {orgCount} organizations with NGO logins and {tenderCount} open notices");
    if (Option("experts", 0) is > 0 and var experts)
    {
        var (scoring, panel) = await ScoringData.ClosedTenderWithPanelAsync(generator, admitted, experts, password);
        Console.WriteLine($"generated the closed notice {scoring} with a panel of {panel.Length} declared experts");
    }
    return;
}

string? connection = null;
if (!string.IsNullOrEmpty(postgres))
{
    // A fresh database per run, so every run starts from the same empty schema.
    connection = $"{postgres};Database=bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
}
Console.WriteLine($"{Environment.ProcessorCount} cores, {(connection is null ? "SQLite in " + data : "PostgreSQL")}, " +
    $"{concurrency} callers, {tenderCount} tenders, {orgCount} organizations, {warmUp.TotalSeconds:0} s warm-up, {measure.TotalSeconds:0} s measured");

var results = new List<LoadResult>();
await using (var silo = await BenchSilo.StartAsync(connection is null ? "Sqlite" : "Postgres", connection, data))
{
    Console.WriteLine("setting up organizations and notices through the grains …");
    var orgs = await BenchData.OrganizationsAsync(silo, orgCount);
    var tenders = await BenchData.TendersAsync(silo, tenderCount + 1);
    var hot = tenders[^1];
    var proposals = Enumerable.Range(0, 1000).Select(BenchData.Proposal).ToArray();

    var echoes = Enumerable.Range(0, tenderCount).Select(_ => silo.Grains.GetGrain<IEchoGrain>(Guid.NewGuid())).ToArray();
    if (cases.Contains("echo"))
    {
        results.Add(await LoadRun.RunAsync("baseline: bare grain call (no rules, no storage)", concurrency, warmUp, measure,
            async (w, n) => await echoes[n % echoes.Length].EchoAsync(w) == w));
    }

    async Task<bool> Submit(Guid tender, int worker, long n)
    {
        var uscc = orgs[worker % orgs.Length];
        var r = await silo.Grains.GetGrain<ITenderGrain>(tender).SubmitAsync(uscc, proposals[n % proposals.Length], $"{worker}-{n}", "bench");
        return r.Succeeded;
    }
    // The product's log writer alone (no grains, no rules): what the storage side can take.
    if (cases.Contains("log"))
    {
        var log = silo.Services.GetRequiredService<ITenderSubmissionLog>();
        var logTender = Guid.NewGuid();
        var logSequence = 0L;
        var alone = await LoadRun.RunAsync("submission log writer alone, 250 entries per append", 1, warmUp, measure, async (_, n) =>
        {
            var entries = Enumerable.Range(0, 250).Select(i => new SubmissionEntry(logSequence++,
                new TenderApplication(orgs[i % orgs.Length], "江宁区社会工作服务中心", proposals[i], 1, DateTimeOffset.UtcNow, false, "bench"), $"log-{n}-{i}",
                new TenderNotification(Guid.CreateVersion7(), Recipient.Organization(orgs[i % orgs.Length]), "已收到您的申请", DateTimeOffset.UtcNow))).ToList();
            await log.AppendAsync(logTender, entries);
            return true;
        });
        results.Add(alone with { Operations = alone.Operations * 250 });
    }

    using var batches = new BatchSizes();
    if (cases.Contains("across"))
    {
        results.Add(await LoadRun.RunAsync($"submissions across {tenderCount} tenders", concurrency, warmUp, measure,
            (w, n) => Submit(tenders[(int)(n % tenderCount)], w, n)));
        Console.WriteLine($"  across tenders — {batches.TakeSummary()}");
    }
    if (cases.Contains("hot"))
    {
        results.Add(await LoadRun.RunAsync("submissions to one tender", concurrency, warmUp, measure, (w, n) => Submit(hot, w, n)));
        Console.WriteLine($"  one tender — {batches.TakeSummary()}");
    }
}
if (connection is null && cases.Contains("raw"))
{
    results.Add(await RawSqliteBaseline.RunAsync(data, 1, warmUp, measure));
    results.Add(await RawSqliteBaseline.RunAsync(data, 100, warmUp, measure));
}

Console.WriteLine();
Console.WriteLine("| case | acknowledged/s | p50 ms | p99 ms | failures |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Case} | {r.PerSecond:N0} | {r.P50Ms:0.0} | {r.P99Ms:0.0} | {r.Failures} |"));
}
