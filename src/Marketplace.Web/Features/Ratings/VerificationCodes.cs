using Marketplace.Contracts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Web.Features.Ratings;

/// <summary>
/// Sends a resident's verification code (验证码). Pluggable: the platform has no SMS service, so the default writes
/// the code to the log (development); a deployment registers its SMS gateway's sender instead.
/// </summary>
public interface IVerificationCodeSender
{
    Task SendAsync(string phone, string code, CancellationToken ct);
}

public sealed partial class LoggingVerificationCodeSender(ILogger<LoggingVerificationCodeSender> log) : IVerificationCodeSender
{
    public Task SendAsync(string phone, string code, CancellationToken ct)
    {
        Sent(log, ResidentRatings.NormalisePhone(phone) is { } p ? ResidentRatings.Mask(p) : "?", code);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "居民评价验证码（未接入短信服务，仅记录于日志）：{Phone} {Code}")]
    private static partial void Sent(ILogger logger, string phone, string code);
}

public static class RatingsServiceCollectionExtensions
{
    /// <summary>TryAdd: a host (or a test) that registers its own sender keeps it.</summary>
    public static IServiceCollection AddResidentRatings(this IServiceCollection services)
    {
        services.TryAddSingleton<IVerificationCodeSender, LoggingVerificationCodeSender>();
        return services;
    }

    /// <summary>The device cookie the per-device rating limit counts by (no personal data: a random id).</summary>
    public const string DeviceCookie = "mp_device";
}
