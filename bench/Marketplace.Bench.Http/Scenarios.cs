using System.Diagnostics;
using Marketplace.Bench.Submissions;

namespace Marketplace.Bench.Http;

/// <summary>The scenarios over HTTP; every one returns the closed-loop figures of <see cref="LoadRun"/>.</summary>
internal static class Scenarios
{
    public static HttpClient Anonymous(Uri baseAddress, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AllowAutoRedirect = false,
    }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>GETs of one path family; a request counts when it answers 200 with a body.</summary>
    public static Task<LoadResult> GetAsync(string name, HttpClient client, BenchOptions o, int connections, Func<long, string> path) =>
        GetAsync(name, [client], o, connections, path);

    /// <summary>The same over several app processes: request n goes to client n mod count (a round-robin proxy).</summary>
    public static Task<LoadResult> GetAsync(string name, IReadOnlyList<HttpClient> clients, BenchOptions o, int connections, Func<long, string> path) =>
        LoadRun.RunAsync(name, connections, o.WarmUp, o.Measure, async (_, n) =>
        {
            try
            {
                using var response = await clients[(int)(n % clients.Count)].GetAsync(path(n), HttpCompletionOption.ResponseContentRead);
                return (int)response.StatusCode == 200;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        });

    /// <summary>Random filters and pages over what the database holds (streets, service areas, districts).</summary>
    public static Func<long, string> CatalogPaths(string prefix, AppData data) => n =>
    {
        var r = Random.Shared;
        return (n % 4) switch
        {
            0 => $"{prefix}?page={r.Next(1, 6)}",
            1 => $"{prefix}?street={data.Streets[r.Next(data.Streets.Count)]}",
            2 => $"{prefix}?area={data.Areas[r.Next(data.Areas.Count)]}&page={r.Next(1, 3)}",
            _ => $"{prefix}?q={Uri.EscapeDataString(data.Words[r.Next(data.Words.Count)])}",
        };
    };

    public static Func<long, string> OrganizationPaths(AppData data) => n =>
    {
        var r = Random.Shared;
        return (n % 3) switch
        {
            0 => $"/api/public/organizations?page={r.Next(1, 4)}",
            1 => $"/api/public/organizations?area={data.Areas[r.Next(data.Areas.Count)]}",
            _ => $"/api/public/organizations?district={Uri.EscapeDataString(data.Districts[r.Next(data.Districts.Count)])}",
        };
    };

    /// <summary>
    /// The deadline rush: every logged-in NGO session revises its application to every open tender it may
    /// apply to, each post with its own submit key. Returns the figures and the acknowledged count.
    /// </summary>
    public static Task<(LoadResult Result, long Acknowledged, int Sessions, int Pairs)> RushAsync(Uri baseAddress, IReadOnlyList<string> ngos,
        IReadOnlyList<string> tenders, string password, BenchOptions o, Func<Task>? measuring = null) =>
        RushAsync([baseAddress], ngos, tenders, password, o, measuring);

    /// <summary>The same over several app processes: session i talks to process i mod count for its whole life.</summary>
    public static async Task<(LoadResult Result, long Acknowledged, int Sessions, int Pairs)> RushAsync(IReadOnlyList<Uri> baseAddresses, IReadOnlyList<string> ngos,
        IReadOnlyList<string> tenders, string password, BenchOptions o, Func<Task>? measuring = null)
    {
        // Session i works on tender i mod M: every session logged in, every notice busy, one form read per session.
        var forms = new (NgoSession Session, ApplyForm? Form)[ngos.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ngos.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var session = new NgoSession(baseAddresses[i % baseAddresses.Count], ngos[i]);
            forms[i] = (session, await session.LoginAsync(password) ? await session.ApplyFormAsync(tenders[i % tenders.Count]) : null);
        });
        var pairs = forms.Where(f => f.Form is not null).Select(f => (f.Session, Form: f.Form!)).ToList();
        var sessions = pairs.Count;
        if (pairs.Count == 0)
        {
            throw new InvalidOperationException($"none of the {ngos.Count} NGOs could log in and open an apply form");
        }
        long acknowledged = 0;
        if (measuring is not null)
        {
            await measuring(); // after the logins: a profile of the posts alone
        }
        var result = await LoadRun.RunAsync("rush", o.RushConnections, o.WarmUp, o.Measure, async (worker, n) =>
        {
            var (session, form) = pairs[(int)(n % pairs.Count)];
            try
            {
                var ok = await session.SubmitAsync(form, n);
                if (ok)
                {
                    Interlocked.Increment(ref acknowledged); // warm-up included: rows are counted over the whole run
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
        });
        return (result, Interlocked.Read(ref acknowledged), sessions, pairs.Count);
    }

    /// <summary>Repeated district PDFs while <paramref name="whileRunning"/> runs; returns each PDF's time.</summary>
    public static async Task<(T Result, List<double> PdfMs)> WithPdfLoopAsync<T>(HttpClient client, string pdfPath, Func<Task<T>> whileRunning)
    {
        var times = new List<double>();
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(pdfPath, CancellationToken.None);
                var bytes = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                if ((int)response.StatusCode != 200 || bytes.Length < 5 || bytes[0] != (byte)'%')
                {
                    throw new InvalidOperationException($"district PDF answered {(int)response.StatusCode}");
                }
                times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        });
        var result = await whileRunning();
        await stop.CancelAsync();
        await loop;
        return (result, times);
    }
}
