namespace Marketplace.Grid;

/// <summary>
/// The verification code (短信验证码) last sent to one phone, key = the phone number as entered (trimmed).
/// One activation per phone across the cluster, so a code asked for through one silo is accepted by any
/// other (a proxy sends the resident's next post elsewhere; docs/decisions/0019).
/// </summary>
[Alias("marketplace.IPhoneCodeGrain")]
public interface IPhoneCodeGrain : IGrainWithStringKey
{
    /// <summary>Keeps <paramref name="code"/> as this phone's code; false (nothing kept) when one was issued less than a minute ago.</summary>
    [Alias("Issue")] Task<bool> IssueAsync(string code);

    /// <summary>Whether <paramref name="code"/> is the phone's unexpired code; the sixth wrong try voids it.</summary>
    [Alias("Check")] Task<bool> CheckAsync(string? code);
}
