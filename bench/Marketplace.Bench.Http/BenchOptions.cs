using System.Globalization;

namespace Marketplace.Bench.Http;

/// <summary>Command line of the HTTP bench; <c>--quick</c> is the CI smoke form (seconds, not minutes).</summary>
internal sealed record BenchOptions(string AppDll, string SelfDll, string OutDir, bool Quick, TimeSpan WarmUp, TimeSpan Measure,
    int ListingConnections, int RushConnections, int Organizations, int Notices, string? Postgres, string SubmissionsBenchDll)
{
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
            quick ? null : Value("--postgres"),
            Value("--submissions-bench") ?? throw new ArgumentException("--submissions-bench <Marketplace.Bench.Submissions.dll> is required"))
        {
            Experts = (int)Seconds("--experts", quick ? 21 : 301), // ScoringScenario: a panel is odd-sized
        };
    }
}
