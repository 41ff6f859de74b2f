using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Marketplace.Domain;

namespace Marketplace.Organizations;

/// <summary>
/// A self-registration waiting for its contact mobile to be proven (待确认). Only the code's hash is kept, in the
/// organization's own state, so whichever silo serves the applicant checks the same code (an in-memory cache would
/// hold it on one process only).
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.PendingConfirmation")]
public sealed record PendingConfirmation(
    [property: Id(0)] string Account,
    [property: Id(1)] string Mobile,
    /// <summary>When the registration is removed if never confirmed (frees the 用户名 and the 统一社会信用代码).</summary>
    [property: Id(2)] DateTimeOffset ExpiresAt,
    /// <summary>Null when no code is valid (never sent, or voided by wrong tries).</summary>
    [property: Id(3)] string? CodeHash,
    [property: Id(4)] DateTimeOffset CodeExpiresAt,
    [property: Id(5)] DateTimeOffset CodeSentAt,
    [property: Id(6)] int WrongTries,
    [property: Id(7)] int CodesSent);

/// <summary>A code to send: the grain made it and stored its hash; the web host's sender delivers it.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.IssuedCode")]
public sealed record IssuedCode([property: Id(0)] string Mobile, [property: Id(1)] string Code);

/// <summary>The confirmation rules: a six-digit code, valid 10 minutes, 5 wrong tries void it, one a minute, 5 per registration.</summary>
public static class RegistrationConfirmation
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(1);
    public const int MaxWrongTries = 5;
    /// <summary>Each code is a text message to a number the applicant typed: the cap bounds what one registration can send to someone else's phone.</summary>
    public const int MaxCodes = 5;

    public const string Expired = "注册已过期，请重新注册";

    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>SHA-256 of the code salted with the organization's code, so equal codes of two registrations differ.</summary>
    public static string Hash(string uscc, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(uscc + ":" + code.Trim())));

    /// <summary>Why no new code may be sent now (field "Code"), or null.</summary>
    public static FieldError? ResendRefusal(PendingConfirmation p, DateTimeOffset now)
    {
        if (now >= p.ExpiresAt)
        {
            return new("Code", Expired);
        }
        if (p.CodesSent >= MaxCodes)
        {
            return new("Code", $"验证码已发送 {MaxCodes} 次，不能再发送；请核对手机号码后重新注册");
        }
        if (p.CodesSent > 0 && now < p.CodeSentAt + ResendAfter)
        {
            return new("Code", "验证码已发送，请1分钟后再试");
        }
        return null;
    }

    /// <summary>The state after a new code is sent.</summary>
    public static PendingConfirmation Sent(PendingConfirmation p, string uscc, string code, DateTimeOffset now) => p with
    {
        CodeHash = Hash(uscc, code), CodeExpiresAt = now + CodeLifetime, CodeSentAt = now, WrongTries = 0, CodesSent = p.CodesSent + 1,
    };

    /// <summary>
    /// Checks a typed code: null when it is the valid one; otherwise the state to keep (a wrong try counted, the
    /// fifth voids the code) and the message for the Code field.
    /// </summary>
    public static (PendingConfirmation Next, FieldError? Error) Check(PendingConfirmation p, string uscc, string? code, DateTimeOffset now)
    {
        if (now >= p.ExpiresAt)
        {
            return (p, new("Code", Expired));
        }
        if (p.CodeHash is null)
        {
            return (p, new("Code", "验证码已失效，请重新发送验证码"));
        }
        if (now >= p.CodeExpiresAt)
        {
            return (p, new("Code", "验证码已过期，请重新发送验证码"));
        }
        if (string.IsNullOrWhiteSpace(code))
        {
            return (p, new("Code", "请填写短信验证码"));
        }
        if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(uscc, code)), Encoding.ASCII.GetBytes(p.CodeHash)))
        {
            return (p, null);
        }
        var tries = p.WrongTries + 1;
        return tries >= MaxWrongTries
            ? (p with { WrongTries = tries, CodeHash = null }, new("Code", $"验证码错误 {MaxWrongTries} 次，已失效，请重新发送验证码"))
            : (p with { WrongTries = tries }, new("Code", $"验证码不正确，还可再试 {MaxWrongTries - tries} 次"));
    }
}
