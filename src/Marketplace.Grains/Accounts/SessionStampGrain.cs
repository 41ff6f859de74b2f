namespace Marketplace.Accounts;

/// <summary>
/// Reads the stored stamp once, on the first check after activation, then answers from memory; the web
/// host's user manager tells it of every renewal after writing it. Not persisted: the identity table is
/// the record, so a new activation (after idle collection or a silo loss) simply reads it again. The read
/// is lazy rather than in OnActivateAsync so a failed read (database outage) is retried on the next check.
/// </summary>
public sealed class SessionStampGrain(ISecurityStampSource source) : Grain, ISessionStampGrain
{
    private bool _loaded;
    private string? _stamp;

    public async Task<string?> CurrentAsync()
    {
        if (!_loaded)
        {
            _stamp = await source.StampAsync(this.GetPrimaryKeyString(), CancellationToken.None);
            _loaded = true;
        }
        return _stamp;
    }

    public Task RenewedAsync(string? stamp)
    {
        _stamp = stamp;
        _loaded = true;
        return Task.CompletedTask;
    }
}
