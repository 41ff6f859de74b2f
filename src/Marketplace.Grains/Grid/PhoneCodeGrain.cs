namespace Marketplace.Grid;

/// <summary>
/// Held in memory only, like the abuse counts (ADR 0019): a lost silo forgets the codes it held and the
/// resident asks again. Valid 10 minutes, 5 wrong tries, at most one code a minute per phone, so the
/// form cannot be used to flood someone's phone. The activation is kept while its code can be used.
/// </summary>
public sealed class PhoneCodeGrain(TimeProvider clock) : Grain, IPhoneCodeGrain
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Resend = TimeSpan.FromMinutes(1);
    private const int MaxWrongTries = 5;

    private string? _code;
    private DateTimeOffset _issuedAt = DateTimeOffset.MinValue;
    private int _wrongTries;

    public Task<bool> IssueAsync(string code)
    {
        var now = clock.GetUtcNow();
        if (now < _issuedAt + Resend)
        {
            return Task.FromResult(false);
        }
        (_code, _issuedAt, _wrongTries) = (code, now, 0);
        DelayDeactivation(Lifetime);
        return Task.FromResult(true);
    }

    public Task<bool> CheckAsync(string? code)
    {
        if (_code is null || _wrongTries >= MaxWrongTries || clock.GetUtcNow() >= _issuedAt + Lifetime)
        {
            return Task.FromResult(false);
        }
        if (_code != code?.Trim())
        {
            _wrongTries++;
            return Task.FromResult(false);
        }
        return Task.FromResult(true);
    }
}
