namespace Marketplace.Accounts;

/// <summary>The stored security stamps, kept by the web host's identity tables.</summary>
public interface ISecurityStampSource
{
    /// <summary>The account's stored stamp, or null when there is no such account.</summary>
    Task<string?> StampAsync(string userId, CancellationToken cancellationToken);
}
