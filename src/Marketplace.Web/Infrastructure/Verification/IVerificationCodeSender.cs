namespace Marketplace.Web.Infrastructure.Verification;

/// <summary>Sends a resident's phone verification code (短信验证码). Pluggable: production wires an SMS gateway.</summary>
public interface IVerificationCodeSender
{
    Task SendAsync(string phone, string code, CancellationToken ct);
}

/// <summary>Development sender: writes the code to the log instead of sending a text message.</summary>
public sealed class LoggingVerificationCodeSender(ILogger<LoggingVerificationCodeSender> log) : IVerificationCodeSender
{
    public Task SendAsync(string phone, string code, CancellationToken ct)
    {
        log.LogInformation("Verification code for {Phone}: {Code}", phone, code);
        return Task.CompletedTask;
    }
}
