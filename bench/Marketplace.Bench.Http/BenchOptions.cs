using System.Globalization;

namespace Marketplace.Bench.Http;

/// <summary>Command line of the HTTP bench; <c>--quick</c> is the CI smoke form (seconds, not minutes).</summary>
internal sealed record BenchOptions(string AppDll, string SelfDll, string OutDir, bool Quick, TimeSpan WarmUp, TimeSpan Measure,
    int ListingConnections, int RushConnections, int Organizations, int Notices, string? Postgres, string SubmissionsBenchDll,
    int Silos, string? Redis, bool RushOnly = false, string? TraceDir = null)
{
    /// <summary><c>--listings-only</c>: B1 and the listings at scale (<see cref="ListingRun"/>), nothing else.</summary>
    public bool ListingsOnly { get; init; }

    /// <summary>Panel size of the expert-scoring scenario; 0 leaves it out.</summary>
    public int Experts { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var quick = args.Contains("--quick");
        double Seconds(string name, double fallback) => Value(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(
            Value("--app") ?? throw new ArgumentException("--app <Marketplace.Web.dll> is required"),
            typeof(BenchOptions).Assembly.Location,
            Value("--out") ?? "bench-results",
            quick,
            TimeSpan.FromSeconds(Seconds("--warmup", quick ? 1 : 3)),
            TimeSpan.FromSeconds(Seconds("--seconds", quick ? 2 : 10)),
            (int)Seconds("--listing-connections", quick ? 16 : 64),
            (int)Seconds("--rush-connections", quick ? 32 : 256),
            (int)Seconds("--orgs", quick ? 20 : 2000),
            (int)Seconds("--tenders", quick ? 5 : 50),
            quick && !args.Contains("--silos") ? null : Value("--postgres"),
            Value("--submissions-bench") ?? throw new ArgumentException("--submissions-bench <Marketplace.Bench.Submissions.dll> is required"),
            // --silos N: only the PostgreSQL comparison of one silo with N (Redis clustering, one database).
            (int)Seconds("--silos", 1),
            Value("--redis"),
            args.Contains("--rush-only"),
            Value("--trace") is { } trace ? Path.GetFullPath(trace) : null)
        {
            ListingsOnly = args.Contains("--listings-only"),
            Experts = (int)Seconds("--experts", quick ? 21 : 301), // ScoringScenario: a panel is odd-sized
        };
    }
}
