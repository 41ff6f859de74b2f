using System.Diagnostics;
using BenchmarkDotNet.Running;
using Marketplace.Bench.Reports;
using Marketplace.Reports;
using Marketplace.Reports.Documents;

// --peak [FILE]: render the district report once in a fresh process and print time, size and peak working set;
// BenchmarkDotNet reports allocations, not the process's peak memory, which the target (≤ 1 GB) is about.
// --samples DIR: write one PDF of each report for a person to look at.
if (args is ["--peak", ..])
{
    var budgets = BenchData.Budgets(1_000);
    var contracts = BenchData.Contracts(1_000, 20_000);
    var watch = Stopwatch.StartNew();
    var pdf = ReportRenderer.Render(new DistrictBudgetReport(BenchData.District(budgets, contracts)));
    watch.Stop();
    using var process = Process.GetCurrentProcess();
    if (args is [_, var path])
    {
        File.WriteAllBytes(path, pdf);
    }
    Console.WriteLine($"district report: {watch.ElapsedMilliseconds} ms, {pdf.Length / 1024} KB PDF, peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MB");
    return;
}
if (args is ["--samples", var dir])
{
    Directory.CreateDirectory(dir);
    File.WriteAllBytes(Path.Combine(dir, "street.pdf"), ReportRenderer.Render(new StreetBudgetReport(BenchData.Street(40))));
    File.WriteAllBytes(Path.Combine(dir, "district.pdf"), ReportRenderer.Render(new DistrictBudgetReport(BenchData.District(BenchData.Budgets(60), BenchData.Contracts(60, 900)))));
    File.WriteAllBytes(Path.Combine(dir, "award.pdf"), ReportRenderer.Render(new AwardNoticeReport(BenchData.Award())));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(ReportBenchmarks).Assembly).Run(args);
