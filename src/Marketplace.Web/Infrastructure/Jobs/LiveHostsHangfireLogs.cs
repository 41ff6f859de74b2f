using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Marketplace.Web.Infrastructure.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide (LogProvider.Current), and by default it is the logger factory of the
/// last host that configured Hangfire. With two hosts in one process (the test suite, a side-by-side tool) that
/// host may be gone while the other still makes jobs: creating a logger on its disposed factory threw
/// ObjectDisposedException out of <c>BackgroundJobClient</c>. Each log call here goes to the newest host still
/// running, or nowhere when none is.
/// </summary>
public sealed class LiveHostsHangfireLogs : ILogProvider
{
    public static LiveHostsHangfireLogs Instance { get; } = new();

    private readonly List<ILogProvider> _hosts = [];
    private readonly Lock _gate = new();

    private LiveHostsHangfireLogs()
    {
    }

    /// <summary>Adds a host's logger factory until the host stops.</summary>
    public void Add(ILoggerFactory loggerFactory, IHostApplicationLifetime lifetime)
    {
        var provider = new AspNetCoreLogProvider(loggerFactory);
        lock (_gate)
        {
            _hosts.Add(provider);
        }
        lifetime.ApplicationStopped.Register(() =>
        {
            lock (_gate)
            {
                _hosts.Remove(provider);
            }
        });
    }

    public ILog GetLogger(string name) => new Forwarding(this, name);

    private ILogProvider? Newest()
    {
        lock (_gate)
        {
            return _hosts.Count == 0 ? null : _hosts[^1];
        }
    }

    /// <summary>
    /// Finds the live host at each call (Hangfire keeps the loggers it gets for the life of its components), and
    /// keeps that host's logger until the newest host changes.
    /// </summary>
    private sealed class Forwarding(LiveHostsHangfireLogs hosts, string name) : ILog
    {
        private sealed record HostLog(ILogProvider Host, ILog Log);

        private HostLog? _last;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception? exception = null)
        {
            var host = hosts.Newest();
            if (host is null)
            {
                return false;
            }
            try
            {
                var last = Volatile.Read(ref _last);
                if (last?.Host != host)
                {
                    last = new HostLog(host, host.GetLogger(name));
                    Volatile.Write(ref _last, last);
                }
                return last.Log.Log(logLevel, messageFunc, exception!);
            }
            catch (ObjectDisposedException)
            {
                return false; // the host is stopping between ApplicationStopped and its removal
            }
        }
    }
}
