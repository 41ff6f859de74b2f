namespace Marketplace.Accounts;

/// <summary>
/// One account's current security stamp, held in memory by its one activation in the cluster, so the
/// per-request session check (退出 and 修改密码 end every copy of a cookie at once) reads no database and
/// a stamp renewed on one silo is the stamp every silo checks against. Keyed by the account's user id.
/// </summary>
[Alias("marketplace.ISessionStampGrain")]
public interface ISessionStampGrain : IGrainWithStringKey
{
    /// <summary>The stamp a cookie must carry, or null when there is no such account.</summary>
    [Alias("Current")] Task<string?> CurrentAsync();

    /// <summary>The account's stamp was renewed (or, with null, the account removed) after the database write.</summary>
    [Alias("Renewed")] Task RenewedAsync(string? stamp);
}
