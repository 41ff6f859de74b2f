using System.Data.Common;
using System.Globalization;
using Marketplace.Bench.Submissions;
using Microsoft.Data.Sqlite;

namespace Marketplace.Bench.Http;

/// <summary>
/// The public listings and the district PDF under listing load (issue 15). <c>--quick</c> runs them on the
/// demo data the app seeds itself; the full run on a generated database at the issue's scale: 江宁区 with
/// 1,000 streets and 10,000 published catalog items, organizations and open notices for the other lists.
/// </summary>
internal static class ListingRun
{
    public const int Streets = 1000;
    public const int Items = 10_000;
    public const int Contracts = 20_000;

    /// <summary><c>--listings-only</c>: B1, then the listings at scale.</summary>
    public static async Task OnlyAsync(BenchOptions o, string work, Report report)
    {
        LoadResult b1;
        await using (var server = await AppProcess.StartAsync(o.SelfDll, ["--b1-server", "{port}"], new Dictionary<string, string>(), "/"))
        {
            using var client = Scenarios.Anonymous(server.BaseAddress, o.ListingConnections);
            b1 = await Scenarios.GetAsync($"B1 @{o.ListingConnections}", client, o, o.ListingConnections, _ => "/");
            report.Add(Row.From(b1, b1.Case, null, "—", "baseline"));
        }
        await AtScaleAsync(o, work, report, b1);
    }

    /// <summary>The listings at scale, on their own generated SQLite database.</summary>
    public static async Task AtScaleAsync(BenchOptions o, string work, Report report, LoadResult b1)
    {
        var dataDir = Path.Combine(work, "listings");
        Console.WriteLine($"generating the listings database ({Streets} streets, {Items} catalog items, {Contracts} contracts)");
        await BenchRun.GenerateAsync(o, ["--data", dataDir, "--listings", $"{Streets}:{Items}:{Contracts}"], organizations: 500, notices: 50);
        var env = BenchRun.Environment(new Dictionary<string, string> { ["Database__Provider"] = "Sqlite", ["Database__DataDirectory"] = dataDir });
        // The baseline start, same run and database: every open timed-work row handed to Hangfire at start, as
        // before the horizon (DueWorkOptions). A start only reads the table, so the measured start below finds it unchanged.
        var everything = new Dictionary<string, string>(env) { ["DueWork__Horizon"] = "36500.00:00:00" };
        await using (var before = await AppProcess.StartAsync(o.AppDll, [], everything, "/"))
        {
            var (allBusy, allCpu) = await UntilQuietAsync(before);
            report.Fact($"baseline: app busy after its first 200, {Streets:N0}-street district, all timed work of {Contracts:N0} contracts handed at start",
                $"{allBusy.TotalSeconds:0} s, {allCpu:0.0} CPU-s, {before.Memory().Rss:0} MB resident");
        }
        await using var db = new SqliteConnection($"Data Source={Path.Combine(dataDir, "marketplace.db")};Mode=ReadOnly");
        (AppData Data, string Scale) listed;
        await using (var app = await AppProcess.StartAsync(o.AppDll, [], env, "/"))
        {
            var (busy, cpu) = await UntilQuietAsync(app);
            report.Fact($"app busy after its first 200, {Streets:N0}-street district ({Contracts:N0} contracts; only work due within a day handed at start)",
                $"{busy.TotalSeconds:0} s, {cpu:0.0} CPU-s, {app.Memory().Rss:0} MB resident (the listings are measured after it)");
            listed = await MeasureAsync(app, db, o, report, b1, $"{Streets:N0}-street district");
        }

        // The baseline of the PDF rows, same run and database: renders at the request threads' priority (Reports:RenderNice 0).
        var sameNice = new Dictionary<string, string>(env) { ["Reports__RenderNice"] = "0" };
        await using var flat = await AppProcess.StartAsync(o.AppDll, [], sameNice, "/");
        await UntilQuietAsync(flat);
        using var flatClient = Scenarios.Anonymous(flat.BaseAddress, o.ListingConnections);
        var idle = await Scenarios.GetAsync("GET /api/public/catalog", flatClient, o, o.ListingConnections, Scenarios.CatalogPaths("/api/public/catalog", listed.Data));
        report.Add(Row.From(idle, $"baseline, PDFs at request priority: GET /api/public/catalog [{Streets:N0}-street district]", b1, "—", "baseline"));
        await PdfUnderLoadAsync(flat, db, o, report, listed.Data, listed.Scale, idle, $"{Streets:N0}-street district", "baseline, PDFs at request priority: ");
    }

    /// <summary>
    /// Waits, up to 2 minutes, until the app uses under a quarter of a core over a second: a start on a database with
    /// tens of thousands of open timed-work rows keeps the app busy for a while after its first 200, and a listing
    /// measured then measures that too. Returns how long it took and the CPU-seconds spent.
    /// </summary>
    private static async Task<(TimeSpan Busy, double Cpu)> UntilQuietAsync(AppProcess app)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var first = app.CpuSeconds();
        while (started.Elapsed < TimeSpan.FromMinutes(2))
        {
            var before = app.CpuSeconds();
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (app.CpuSeconds() - before < 0.25)
            {
                break;
            }
        }
        return (started.Elapsed, app.CpuSeconds() - first);
    }

    /// <summary>
    /// Catalog JSON and page, tenders and organizations JSON, then the catalog JSON while the district PDF renders in a
    /// loop. Returns the data the paths were drawn from and the scale label, for a baseline measured after it.
    /// </summary>
    public static async Task<(AppData Data, string Scale)> MeasureAsync(AppProcess app, DbConnection db, BenchOptions o, Report report, LoadResult b1, string district)
    {
        var data = await AppData.ReadAsync(db);
        var items = await AppData.CountAsync(db, "TransferItems");
        report.Fact($"listing data ({district})", $"{data.Streets.Count} streets, {items} catalog items, " +
            $"{await AppData.CountAsync(db, "Organizations")} organizations, {await AppData.CountAsync(db, "Tenders")} tenders, " +
            $"{await AppData.CountAsync(db, "Contracts")} contracts");
        var scale = $" [{items:N0} items]";
        using var client = Scenarios.Anonymous(app.BaseAddress, o.ListingConnections);

        var catalogJson = await BenchRun.Measured(app, () => Scenarios.GetAsync("GET /api/public/catalog", client, o, o.ListingConnections, Scenarios.CatalogPaths("/api/public/catalog", data)));
        report.Add(Row.From(catalogJson.Result, "GET /api/public/catalog (random street/area/q/page)" + scale, b1, "≥ 0.20 × B1, p99 ≤ 50 ms", appCores: catalogJson.Cores));
        var catalogPage = await BenchRun.Measured(app, () => Scenarios.GetAsync("GET /Catalog", client, o, o.ListingConnections, Scenarios.CatalogPaths("/Catalog", data)));
        report.Add(Row.From(catalogPage.Result, "GET /Catalog page (random filters)" + scale, b1, "≥ 0.10 × B1, p99 ≤ 50 ms", appCores: catalogPage.Cores));
        var tenders = await BenchRun.Measured(app, () => Scenarios.GetAsync("GET /api/public/tenders", client, o, o.ListingConnections, _ => "/api/public/tenders"));
        report.Add(Row.From(tenders.Result, "GET /api/public/tenders" + scale, b1, "≥ 0.20 × B1", appCores: tenders.Cores));
        var orgs = await BenchRun.Measured(app, () => Scenarios.GetAsync("GET /api/public/organizations", client, o, o.ListingConnections, Scenarios.OrganizationPaths(data)));
        report.Add(Row.From(orgs.Result, "GET /api/public/organizations (random filters)" + scale, b1, "≥ 0.20 × B1", appCores: orgs.Cores));

        await PdfUnderLoadAsync(app, db, o, report, data, scale, catalogJson.Result, district, "");
        var memory = app.Memory();
        report.Fact($"app resident memory after the listing runs / peak, {district} (MB)", $"{memory.Rss:0} / {memory.Peak:0}");
        return (data, scale);
    }

    /// <summary>
    /// Reports under load: the district PDF in a loop while the catalog JSON runs; p99 against the idle p99 given.
    /// </summary>
    public static async Task PdfUnderLoadAsync(AppProcess app, DbConnection db, BenchOptions o, Report report, AppData data,
        string scale, LoadResult idle, string district, string label)
    {
        using var client = Scenarios.Anonymous(app.BaseAddress, o.ListingConnections);
        var year = DateTime.UtcNow.AddHours(8).Year;
        var districtId = await LargestDistrictAsync(db);
        using var pdfClient = Scenarios.Anonymous(app.BaseAddress, 1);
        var (underPdf, pdfMs) = await Scenarios.WithPdfLoopAsync(pdfClient, $"/reports/budget/{year}/district/{districtId}.pdf",
            () => Scenarios.GetAsync("GET /api/public/catalog with district PDF", client, o, o.ListingConnections, Scenarios.CatalogPaths("/api/public/catalog", data)));
        report.Add(Row.From(underPdf, label + "GET /api/public/catalog while district PDFs render" + scale, idle, "p99 ≤ 2 × idle p99",
            $"p99 {underPdf.P99Ms / idle.P99Ms:0.00} × idle"));
        pdfMs.Sort();
        report.Fact($"{label}district PDF under listing load ({district})", pdfMs.Count == 0 ? "none completed"
            : $"{pdfMs.Count} PDFs, median {pdfMs[pdfMs.Count / 2]:0} ms, max {pdfMs[^1]:0} ms (target ≤ 2 s)");
    }

    /// <summary>The district with the most streets: the generated one at scale, the demo's largest otherwise.</summary>
    private static async Task<long> LargestDistrictAsync(DbConnection db)
    {
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT \"DistrictId\" FROM \"Streets\" GROUP BY \"DistrictId\" ORDER BY COUNT(*) DESC LIMIT 1";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
