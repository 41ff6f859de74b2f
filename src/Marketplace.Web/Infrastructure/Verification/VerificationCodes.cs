using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Security.Cryptography;
using Marketplace.Grid;

namespace Marketplace.Web.Infrastructure.Verification;

/// <summary>
/// Six-digit codes proving a resident holds a phone (rules in <see cref="PhoneCodeGrain"/>: 10 minutes, 5 wrong
/// tries, one code a minute). The code lives in the phone's grain, not in this process, so the post that
/// carries it may reach any silo (docs/decisions/0019).
/// </summary>
public sealed class VerificationCodes(IGrainFactory grains, IVerificationCodeSender sender)
{
    /// <summary>Sends a code to a valid mobile number; the refusal (bad number, asked again too soon) for the page's Phone field.</summary>
    public async Task<Marketplace.Domain.FieldError?> RequestAsync(string? phone, CancellationToken ct)
    {
        if (MatterRules.ValidatePhone(phone) is { } wrong)
        {
            return wrong;
        }
        var number = phone!.Trim();
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        if (!await grains.GetGrain<IPhoneCodeGrain>(number).IssueAsync(code))
        {
            return new("Phone", "验证码已发送，请1分钟后再试");
        }
        await sender.SendAsync(number, code, ct);
        return null;
    }

    /// <summary>Whether the code is the one sent to the phone (it proves the phone until it expires); the sixth wrong try voids it.</summary>
    public Task<bool> CheckAsync(string phone, string? code) => grains.GetGrain<IPhoneCodeGrain>(phone).CheckAsync(code);
}

public static class VerificationServiceCollectionExtensions
{
    public static IServiceCollection AddVerificationCodes(this IServiceCollection services)
    {
        services.AddSingleton<VerificationCodes>();
        services.TryAddSingleton<IVerificationCodeSender, LoggingVerificationCodeSender>();
        return services;
    }
}
