using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketplace.Bench.Submissions;

namespace Marketplace.Bench.Http;

/// <summary>One line of the table: a scenario beside the baseline measured in the same run.</summary>
internal sealed record Row(string Scenario, double PerSecond, double P50Ms, double P99Ms, long Errors, string? Baseline,
    double? BaselinePerSecond, string Target, string Note = "", double AppCores = double.NaN)
{
    public double? Ratio => BaselinePerSecond is > 0 ? PerSecond / BaselinePerSecond : null;

    public static Row From(LoadResult r, string scenario, LoadResult? baseline, string target, string note = "", double appCores = double.NaN) =>
        new(scenario, r.PerSecond, r.P50Ms, r.P99Ms, r.Failures, baseline?.Case, baseline?.PerSecond, target, note, appCores);

    /// <summary>A row of the grain-level bench's table (<c>| case | per s | p50 | p99 | errors |</c>) in this table's columns.</summary>
    public static Row FromGrainBench(string line)
    {
        var c = line.Split('|', StringSplitOptions.TrimEntries);
        double N(string v) => double.Parse(v, NumberStyles.Number, CultureInfo.InvariantCulture);
        return new(c[1], N(c[2]), N(c[3]), N(c[4]), (long)N(c[5]), null, null, "—", "B2/B3, bench/Marketplace.Bench.Submissions in the same run");
    }
}

/// <summary>Writes the run as markdown (for bench/README.md) and JSON (for tools), and echoes it.</summary>
internal sealed class Report
{
    private readonly List<Row> rows = [];
    private readonly List<(string Name, string Value)> facts = [];

    public void Add(Row row)
    {
        rows.Add(row);
        Console.WriteLine($"  {row.Scenario}: {row.PerSecond:0}/s p50 {row.P50Ms:0.0} ms p99 {row.P99Ms:0.0} ms errors {row.Errors}"
            + (row.Ratio is { } q ? $" ratio {q:0.000} to {row.Baseline}" : "") + (row.Note.Length > 0 ? $" ({row.Note})" : ""));
    }

    public void Fact(string name, string value)
    {
        facts.Add((name, value));
        Console.WriteLine($"  {name}: {value}");
    }

    public async Task WriteAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        var md = new StringBuilder();
        md.AppendLine("| scenario | ok/s | p50 ms | p99 ms | errors | app cores | baseline (same run) | baseline/s | ratio | target | note |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---|---:|---:|---|---|");
        foreach (var r in rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.PerSecond:N0} | {r.P50Ms:0.0} | {r.P99Ms:0.0} | {r.Errors} | {r.AppCores:0.00} | {r.Baseline ?? "—"} | {(r.BaselinePerSecond is { } b ? b.ToString("N0", CultureInfo.InvariantCulture) : "—")} | {(r.Ratio is { } q ? q.ToString("0.000", CultureInfo.InvariantCulture) : "—")} | {r.Target} | {r.Note} |");
        }
        md.AppendLine();
        md.AppendLine("| measurement | value |");
        md.AppendLine("|---|---|");
        foreach (var (name, value) in facts)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");
        }
        await File.WriteAllTextAsync(Path.Combine(directory, "results.md"), md.ToString());
        var json = JsonSerializer.Serialize(new
        {
            machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            takenAt = DateTimeOffset.UtcNow,
            rows = rows.Select(r => new { r.Scenario, r.PerSecond, r.P50Ms, r.P99Ms, r.Errors, AppCores = double.IsNaN(r.AppCores) ? (double?)null : r.AppCores, r.Baseline, r.BaselinePerSecond, r.Ratio, r.Target, r.Note }),
            facts = facts.ToDictionary(f => f.Name, f => f.Value),
        }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        await File.WriteAllTextAsync(Path.Combine(directory, "results.json"), json);
        Console.WriteLine();
        Console.WriteLine(md.ToString());
    }
}
