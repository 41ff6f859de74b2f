namespace Marketplace.Limits;

/// <summary>
/// A fixed window held in memory only: a count lost with its silo costs at most one window's allowance,
/// as a restart of a single process does. The activation is kept for the window so idle collection does
/// not reset a count early.
/// </summary>
public sealed class WindowCounterGrain(TimeProvider clock) : Grain, IWindowCounterGrain
{
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _taken;

    public Task<TimeSpan?> TakeAsync(int permits, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        if (now >= _windowStart + window)
        {
            _windowStart = now;
            _taken = 0;
            DelayDeactivation(window);
        }
        if (_taken >= Math.Max(1, permits))
        {
            return Task.FromResult<TimeSpan?>(_windowStart + window - now);
        }
        _taken++;
        return Task.FromResult<TimeSpan?>(null);
    }
}

/// <summary>In memory only, like <see cref="WindowCounterGrain"/>; kept alive while the count can still matter.</summary>
public sealed class LoginFailuresGrain : Grain, ILoginFailuresGrain
{
    private LoginFailures? _failures;

    public Task<LoginFailures?> GetAsync() => Task.FromResult(_failures);

    public Task CountAsync(DateTimeOffset now, TimeSpan expiry)
    {
        _failures = LoginFailures.After(_failures, now, expiry);
        DelayDeactivation(expiry);
        return Task.CompletedTask;
    }

    public Task ClearAsync()
    {
        _failures = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
