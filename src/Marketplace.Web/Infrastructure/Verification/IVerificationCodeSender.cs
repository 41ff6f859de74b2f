namespace Marketplace.Web.Infrastructure.Verification;

/// <summary>Sends a resident's phone verification code (短信验证码). Pluggable: production wires an SMS gateway.</summary>
public interface IVerificationCodeSender
{
    Task SendAsync(string phone, string code, CancellationToken ct);
}

/// <summary>
/// Development sender: the platform has no SMS service, so the code is written to the log (the number masked: a
/// log is not a place for residents' phone numbers); a deployment registers its SMS gateway's sender instead.
/// </summary>
public sealed partial class LoggingVerificationCodeSender(ILogger<LoggingVerificationCodeSender> log) : IVerificationCodeSender
{
    public Task SendAsync(string phone, string code, CancellationToken ct)
    {
        Sent(log, Mask(phone), code);
        return Task.CompletedTask;
    }

    private static string Mask(string phone) => phone.Length >= 7 ? phone[..3] + "****" + phone[^4..] : "****";

    [LoggerMessage(Level = LogLevel.Warning, Message = "验证码（未接入短信服务，仅记录于日志）：{Phone} {Code}")]
    private static partial void Sent(ILogger logger, string phone, string code);
}
