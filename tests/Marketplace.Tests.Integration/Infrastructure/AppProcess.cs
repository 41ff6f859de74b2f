using System.Diagnostics;
using System.Globalization;

namespace Marketplace.Tests.Integration.Infrastructure;

/// <summary>
/// The published app as a real child process (its own build output, `dotnet Marketplace.Web.dll`), for
/// crash tests: started with settings as environment variables, ready when it logs "Application started",
/// and killed with SIGKILL (<see cref="Process.Kill(bool)"/>), as `kill -9` does.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _lastLines = new();

    private AppProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    /// <summary>The app's own output folder (appsettings.json and seed/ beside the dll).</summary>
    private static string WebDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Marketplace.Web", "bin", "Debug", "net10.0");
            if (File.Exists(Path.Combine(candidate, "Marketplace.Web.dll")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("Marketplace.Web is not built (src/Marketplace.Web/bin/Debug/net10.0).");
    }

    /// <summary>Starts the app; <paramref name="startTimeout"/> (default 2 min) bounds the wait for "Application started".</summary>
    public static async Task<AppProcess> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings, TimeSpan? startTimeout = null)
    {
        var port = FreePort.Next();
        var dir = WebDirectory();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dir, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(dir, "Marketplace.Web.dll"));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        info.Environment["Silo__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        info.Environment["Silo__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        info.Environment["Silo__ClusterId"] = "crash-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var limit in (string[])["Login", "Registration", "Objection", "PublicForm", "PublicJson"])
        {
            info.Environment[$"Security__Limits__{limit}__Permits"] = "1000000";
        }
        foreach (var (k, v) in settings)
        {
            info.Environment[k.Replace(":", "__")] = v;
        }
        var app = new AppProcess(new Process { StartInfo = info, EnableRaisingEvents = true }, port);
        app._process.OutputDataReceived += (_, e) => app.Line(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Line(e.Data);
        app._process.Exited += (_, _) => app._started.TrySetException(new InvalidOperationException("The app exited during start:\n" + app.LastLines));
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        // A cold start seeds the database: on PostgreSQL with a loaded 2-core machine that passed two minutes.
        await app._started.Task.WaitAsync(startTimeout ?? TimeSpan.FromSeconds(300));
        return app;
    }

    /// <summary>Every line the process writes (stdout and stderr), as it comes.</summary>
    public event Action<string>? LineWritten;

    public string LastLines
    {
        get { lock (_lastLines) return string.Join("\n", _lastLines); }
    }

    private void Line(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40) _lastLines.Dequeue();
        }
        LineWritten?.Invoke(line);
        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush; what was not committed is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
