using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure.Security;

/// <summary>
/// Wrong-password counting that nobody can use to lock someone else out (the issue: five wrong passwords
/// locked any known account, admins included). Failures count per account name and client address: that
/// pair waits a while after a few failures, other addresses are not affected. Across all addresses an
/// account backs off (a doubling wait, at most 5 minutes per try) only after many failures, which slows a
/// distributed guess without a hard lockout. Names that have no account are counted exactly the same way,
/// so the answers never tell whether an account exists.
/// Kept in this process's memory: each silo counts its own clients (a cluster multiplies the limits by
/// its size, which still bounds guessing); a restart forgets the counts.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock, IOptionsMonitor<SecurityOptions> options)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Failures> _byPair = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Failures> _byAccount = new(StringComparer.Ordinal);

    private sealed record Failures(int Count, DateTimeOffset Last);

    private AbuseLimitOptions Limits => options.CurrentValue.Limits;
    private TimeSpan Lockout => TimeSpan.FromMinutes(Math.Max(1, Limits.LoginLockoutMinutes));

    /// <summary>How long this name must wait from this address before its password is checked again; null when it may try now.</summary>
    public TimeSpan? WaitFor(string userName, string address)
    {
        var now = clock.GetUtcNow();
        var account = Key(userName);
        if (_byPair.TryGetValue(account + "|" + address, out var pair) && pair.Count >= Limits.LoginFailuresPerAccountAndAddress
            && pair.Last + Lockout > now)
        {
            return pair.Last + Lockout - now;
        }
        if (_byAccount.TryGetValue(account, out var all) && all.Count >= Limits.LoginFailuresPerAccount)
        {
            var excess = Math.Min(all.Count - Limits.LoginFailuresPerAccount, 16);
            var backoff = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, excess), MaxBackoff.TotalSeconds));
            if (all.Last + backoff > now)
            {
                return all.Last + backoff - now;
            }
        }
        return null;
    }

    public void Failed(string userName, string address)
    {
        var now = clock.GetUtcNow();
        var account = Key(userName);
        Count(_byPair, account + "|" + address, now);
        Count(_byAccount, account, now);
    }

    /// <summary>A right password from this address clears that pair's count (not other addresses').</summary>
    public void Succeeded(string userName, string address) => _byPair.TryRemove(Key(userName) + "|" + address, out _);

    private void Count(ConcurrentDictionary<string, Failures> counts, string key, DateTimeOffset now)
    {
        counts.AddOrUpdate(key, _ => new Failures(1, now),
            (_, f) => f.Last + Lockout < now ? new Failures(1, now) : new Failures(f.Count + 1, now));
        if (counts.Count > MaxEntries)
        {
            foreach (var (k, f) in counts)
            {
                if (f.Last + Lockout < now)
                {
                    counts.TryRemove(k, out _);
                }
            }
        }
    }

    private static string Key(string userName) => userName.Trim().ToUpperInvariant();
}
