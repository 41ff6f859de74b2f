namespace Marketplace.Limits;

/// <summary>
/// One abuse-limit counter (ADR 0009) shared by every silo of a cluster: key "category|client", e.g.
/// "login|198.51.100.1". Orleans keeps one activation per key across the cluster, so three silos count one
/// client's requests together instead of allowing three times the limit.
/// </summary>
[Alias("marketplace.IWindowCounterGrain")]
public interface IWindowCounterGrain : IGrainWithStringKey
{
    /// <summary>Takes one permit of a fixed window; null when taken, else how long until the window reopens.</summary>
    [Alias("Take")] Task<TimeSpan?> TakeAsync(int permits, TimeSpan window);
}

/// <summary>Wrong-password count of one account name, or of one name and client address (see LoginThrottle).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.LoginFailures")]
public sealed record LoginFailures([property: Id(0)] int Count, [property: Id(1)] DateTimeOffset Last)
{
    /// <summary>The count after one more failure at <paramref name="now"/>: a count older than <paramref name="expiry"/> starts again at one.</summary>
    public static LoginFailures After(LoginFailures? prior, DateTimeOffset now, TimeSpan expiry) =>
        prior is null || prior.Last + expiry < now ? new LoginFailures(1, now) : new LoginFailures(prior.Count + 1, now);
}

/// <summary>Wrong-password counts shared by every silo: key "account" or "account|address" (upper-cased name).</summary>
[Alias("marketplace.ILoginFailuresGrain")]
public interface ILoginFailuresGrain : IGrainWithStringKey
{
    [Alias("Get")] Task<LoginFailures?> GetAsync();

    /// <summary>Counts one failure at <paramref name="now"/>; a count older than <paramref name="expiry"/> starts again at one.</summary>
    [Alias("Count")] Task CountAsync(DateTimeOffset now, TimeSpan expiry);

    [Alias("Clear")] Task ClearAsync();
}
