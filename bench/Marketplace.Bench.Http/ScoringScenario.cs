using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Bench.Submissions;

namespace Marketplace.Bench.Http;

/// <summary>
/// Expert scoring (issue 15): every expert of the generated panel logs in with the form, loads his review
/// page once (antiforgery token, applicants, criteria) and then saves score sheets, one expert per caller,
/// so the whole panel saves at once: first in a closed loop (the next save the moment the last is answered),
/// then with a pause between one expert's saves (<see cref="ExpertPause"/>). Afterwards each expert's page must show the last
/// sheet that was acknowledged for every applicant, else the run fails.
/// </summary>
internal static partial class ScoringScenario
{
    public const string NoticeTitle = "社区居家养老综合服务（专家评审）"; // ScoringData's notice

    public sealed record Result(LoadResult Load, LoadResult Paced, long Acknowledged, int Experts, int Applicants, int Checked);

    /// <summary>
    /// The paced run's pause between one expert's saves. A real expert reads a proposal and types his points and
    /// comments between two saves (minutes); one second still has the whole panel saving within every second.
    /// </summary>
    public static readonly TimeSpan ExpertPause = TimeSpan.FromSeconds(1);

    /// <summary>What the data generator adds for the scenario (bench/Marketplace.Bench.Submissions --generate).</summary>
    public static string[] GeneratorArguments(BenchOptions o) => o.Experts > 0 ? ["--experts", o.Experts.ToString(CultureInfo.InvariantCulture)] : [];

    /// <summary>The scenario on the rush's app, beside B1 of the same run; fails the run when a stored sheet differs.</summary>
    public static async Task ReportAsync(AppProcess app, DbConnection db, string password, LoadResult? b1, BenchOptions o, Report report)
    {
        if (o.Experts <= 0)
        {
            return;
        }
        var (result, cores) = await BenchRun.Measured(app, () => RunAsync(app.BaseAddress, db, password, o));
        report.Add(Row.From(result.Load, $"expert score-sheet saves (form POST), {result.Experts} experts on one panel, closed loop", b1, "p99 ≤ 100 ms",
            $"{result.Applicants} applicants; acknowledged {result.Acknowledged} in both runs, {result.Checked} stored sheets checked", cores));
        report.Add(Row.From(result.Paced, $"the same, each expert pausing {ExpertPause.TotalSeconds:0} s between saves", b1, "p99 ≤ 100 ms",
            "the whole panel saving within every second; latency measured from post to answer, the pause not counted"));
    }

    /// <summary>The scenario alone: generated data, the app on it, the table (bench/run runs it after the rush instead).</summary>
    public static async Task<int> OnlyAsync(BenchOptions o)
    {
        var work = Directory.CreateTempSubdirectory("marketplace-scoring-");
        var report = new Report();
        try
        {
            await BenchRun.GenerateAsync(o, ["--data", work.FullName, .. GeneratorArguments(o)]);
            var env = BenchRun.Environment(new Dictionary<string, string> { ["Database__Provider"] = "Sqlite", ["Database__DataDirectory"] = work.FullName });
            await using var app = await AppProcess.StartAsync(o.AppDll, [], env, "/");
            await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(work.FullName, "marketplace.db")};Mode=ReadOnly");
            await ReportAsync(app, db, BenchRun.Password, null, o, report);
            report.Fact("app resident memory after scoring / peak (MB)", $"{app.Memory().Rss:0} / {app.Memory().Peak:0}");
            return 0;
        }
        finally
        {
            await report.WriteAsync(o.OutDir);
            work.Delete(recursive: true);
        }
    }

    public static async Task<Result> RunAsync(Uri baseAddress, DbConnection db, string password, BenchOptions o)
    {
        if (db.State != System.Data.ConnectionState.Open)
        {
            await db.OpenAsync();
        }
        var tender = await TenderIdAsync(db);
        var names = await ExpertNamesAsync(db);
        var reviewPath = $"/Evaluator/Reviews/Review/{tender}";
        var experts = new Expert[names.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var session = new NgoSession(baseAddress, names[i]);
            if (!await session.LoginAsync(password))
            {
                throw new InvalidOperationException($"expert {names[i]} could not log in");
            }
            experts[i] = Expert.Read(session, reviewPath, await session.Client.GetStringAsync(reviewPath));
        });
        long acknowledged = 0;
        async Task<bool> Save(int worker, long n)
        {
            try
            {
                var ok = await experts[worker].SaveAsync(n);
                if (ok)
                {
                    Interlocked.Increment(ref acknowledged);
                }
                return ok;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }
        var load = await LoadRun.RunAsync($"score sheets, {names.Count} experts", names.Count, o.WarmUp, o.Measure, Save);
        var paced = await LoadRun.RunAsync($"score sheets, {names.Count} experts, paced", names.Count, o.WarmUp, o.Measure, Save, ExpertPause);
        // The stored sheets: each expert's page shows what his last acknowledged save of each applicant wrote.
        var checkedSheets = 0;
        foreach (var expert in experts)
        {
            var html = await expert.Session.Client.GetStringAsync(reviewPath);
            foreach (var (uscc, points) in expert.LastSaved)
            {
                foreach (var (code, value) in points)
                {
                    var shown = Regex.Match(html, $"id=\"p-{uscc}-{Regex.Escape(code)}\" name=\"Points\\[{Regex.Escape(code)}\\]\" value=\"([^\"]*)\"");
                    if (!shown.Success || decimal.Parse(shown.Groups[1].Value, CultureInfo.InvariantCulture) != value)
                    {
                        throw new InvalidOperationException($"{expert.Session.UserName}'s sheet for {uscc}: {code} saved {value}, page shows '{shown.Groups[1].Value}'");
                    }
                }
                checkedSheets++;
            }
        }
        return new Result(load, paced, Interlocked.Read(ref acknowledged), names.Count, experts[0].Applicants.Count, checkedSheets);
    }

    private static async Task<string> TenderIdAsync(DbConnection db)
    {
        await using var command = db.CreateCommand();
        command.CommandText = $"SELECT \"Id\" FROM \"Tenders\" WHERE \"Title\" = '{NoticeTitle}'";
        var id = await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("no scoring notice in the generated data (--experts)");
        return id.ToString()!.ToLowerInvariant();
    }

    private static async Task<List<string>> ExpertNamesAsync(DbConnection db)
    {
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT \"UserName\" FROM \"AspNetUsers\" WHERE \"UserName\" LIKE 'expert%' ORDER BY \"UserName\"";
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    /// <summary>One expert's session and what his review page offered: the token, the applicants, each criterion's maximum.</summary>
    private sealed class Expert(NgoSession session, string reviewPath, string token, IReadOnlyList<string> applicants, IReadOnlyList<(string Code, decimal Max)> criteria)
    {
        public NgoSession Session => session;
        public IReadOnlyList<string> Applicants => applicants;
        public Dictionary<string, Dictionary<string, decimal>> LastSaved { get; } = [];

        public static Expert Read(NgoSession session, string reviewPath, string html)
        {
            var applicants = ApplicantPattern().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
            var codes = CriterionPattern().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
            var maxima = MaximumPattern().Matches(html).Select(m => decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Take(codes.Count).ToList();
            var token = NgoSession.Token(html);
            if (applicants.Count == 0 || codes.Count == 0 || maxima.Count != codes.Count || token is null)
            {
                throw new InvalidOperationException($"{session.UserName}'s review page offers no score form");
            }
            return new Expert(session, reviewPath, token, applicants, [.. codes.Zip(maxima)]);
        }

        /// <summary>One save of one applicant's sheet (the callers of one expert are one, so saves of a sheet are ordered).</summary>
        public async Task<bool> SaveAsync(long n)
        {
            var uscc = applicants[(int)(n % applicants.Count)];
            var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
            var points = new Dictionary<string, decimal>();
            foreach (var (code, max) in criteria)
            {
                // At least 60 % of the maximum, so no reason is required (低于分值60%须填写理由); varies with n so each save differs.
                var value = Math.Round(max * (0.6m + (n % 40) / 100m), 1);
                points[code] = value;
                fields.Add(new($"Points[{code}]", value.ToString("0.#", CultureInfo.InvariantCulture)));
                fields.Add(new($"Comments[{code}]", $"第{n}次评审意见：方案完整，团队配置合理"));
            }
            using var response = await session.Client.PostAsync($"{reviewPath}?handler=Score&uscc={uscc}", new FormUrlEncodedContent(fields));
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                return false;
            }
            LastSaved[uscc] = points;
            return true;
        }
    }

    [GeneratedRegex("class=\"border rounded p-3 mb-3 applicant\" data-uscc=\"([^\"]+)\"")]
    private static partial Regex ApplicantPattern();

    [GeneratedRegex("name=\"Points\\[([^\\]]+)\\]\"")]
    private static partial Regex CriterionPattern();

    [GeneratedRegex("（0–([0-9.]+)分）")]
    private static partial Regex MaximumPattern();
}
