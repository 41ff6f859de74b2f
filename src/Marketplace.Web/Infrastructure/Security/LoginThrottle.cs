using System.Collections.Concurrent;
using Marketplace.Limits;
using Microsoft.Extensions.Options;
using Orleans;

namespace Marketplace.Web.Infrastructure.Security;

/// <summary>
/// Wrong-password counting that nobody can use to lock someone else out (the issue: five wrong passwords
/// locked any known account, admins included). Failures count per account name and client address: that
/// pair waits a while after a few failures, other addresses are not affected. Across all addresses an
/// account backs off (a doubling wait, at most 5 minutes per try) only after many failures, which slows a
/// distributed guess without a hard lockout. Names that have no account are counted exactly the same way,
/// so the answers never tell whether an account exists.
/// Kept in this process's memory for a single silo; in a cluster each count is an <see cref="ILoginFailuresGrain"/>
/// that every silo asks, so N silos do not allow N times the guesses (<see cref="SharedCounters"/>). A restart
/// forgets the counts.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock, IOptionsMonitor<SecurityOptions> options, SharedCounters shared, IGrainFactory grains)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, LoginFailures> _byPair = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LoginFailures> _byAccount = new(StringComparer.Ordinal);

    private AbuseLimitOptions Limits => options.CurrentValue.Limits;
    private TimeSpan Lockout => TimeSpan.FromMinutes(Math.Max(1, Limits.LoginLockoutMinutes));

    /// <summary>How long this name must wait from this address before its password is checked again; null when it may try now.</summary>
    public async Task<TimeSpan?> WaitForAsync(string userName, string address)
    {
        var now = clock.GetUtcNow();
        var account = Key(userName);
        var pair = await GetAsync(_byPair, account + "|" + address);
        var all = await GetAsync(_byAccount, account);
        if (pair is not null && pair.Count >= Limits.LoginFailuresPerAccountAndAddress
            && pair.Last + Lockout > now)
        {
            return pair.Last + Lockout - now;
        }
        if (all is not null && all.Count >= Limits.LoginFailuresPerAccount)
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

    public async Task FailedAsync(string userName, string address)
    {
        var now = clock.GetUtcNow();
        var account = Key(userName);
        await CountAsync(_byPair, account + "|" + address, now);
        await CountAsync(_byAccount, account, now);
    }

    /// <summary>A right password from this address clears that pair's count (not other addresses').</summary>
    public async Task SucceededAsync(string userName, string address)
    {
        var key = Key(userName) + "|" + address;
        if (shared.InCluster)
        {
            await grains.GetGrain<ILoginFailuresGrain>(key).ClearAsync();
            return;
        }
        _byPair.TryRemove(key, out _);
    }

    private async Task<LoginFailures?> GetAsync(ConcurrentDictionary<string, LoginFailures> counts, string key) =>
        shared.InCluster ? await grains.GetGrain<ILoginFailuresGrain>(key).GetAsync() : counts.GetValueOrDefault(key);

    private async Task CountAsync(ConcurrentDictionary<string, LoginFailures> counts, string key, DateTimeOffset now)
    {
        if (shared.InCluster)
        {
            await grains.GetGrain<ILoginFailuresGrain>(key).CountAsync(now, Lockout);
            return;
        }
        counts.AddOrUpdate(key, _ => LoginFailures.After(null, now, Lockout), (_, f) => LoginFailures.After(f, now, Lockout));
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
