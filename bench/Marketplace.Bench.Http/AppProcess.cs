using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Marketplace.Bench.Http;

/// <summary>
/// The real app (or the B1 server) as its own process on loopback: started with <c>dotnet app.dll</c>,
/// timed from process start to its first 200, its resident memory read from /proc.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];

    private AppProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }
    public int ProcessId => process.Id;
    public Uri BaseAddress { get; }
    public TimeSpan StartUpToFirst200 { get; private set; }
    public IReadOnlyList<string> Output { get { lock (output) { return [.. output]; } } }

    /// <summary>Starts the app; <paramref name="environment"/> overrides configuration (Database__*, Silo__* ...).</summary>
    public static async Task<AppProcess> StartAsync(string dll, string[] arguments, IReadOnlyDictionary<string, string> environment, string probePath)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a.Replace("{port}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (k, v) in environment)
        {
            info.Environment[k] = v;
        }
        var started = Stopwatch.StartNew();
        var app = new AppProcess(Process.Start(info)!, port);
        app.process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        app.process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = TimeSpan.FromMinutes(3);
        while (started.Elapsed < deadline)
        {
            if (app.process.HasExited)
            {
                throw new InvalidOperationException("the app exited during start-up:\n" + string.Join('\n', app.Output.TakeLast(30)));
            }
            try
            {
                using var response = await client.GetAsync(new Uri(app.BaseAddress, probePath));
                if ((int)response.StatusCode == 200)
                {
                    app.StartUpToFirst200 = started.Elapsed;
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: Kestrel binds after migrations, the silo and seeding have started.
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(20); // polling interval of the probe, not a synchronisation sleep
        }
        throw new TimeoutException($"no 200 from {probePath} within {deadline}");
    }

    /// <summary>Resident set size now and its peak (VmRSS, VmHWM) in MB.</summary>
    public (double Rss, double Peak) Memory()
    {
        double Read(string key)
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        return (Read("VmRSS:"), Read("VmHWM:"));
    }

    /// <summary>CPU seconds the process has used (user + system), for the CPU split between app and load generator.</summary>
    public double CpuSeconds()
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.Add(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
