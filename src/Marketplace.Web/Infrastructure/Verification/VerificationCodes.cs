using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace Marketplace.Web.Infrastructure.Verification;

/// <summary>
/// Six-digit codes proving a resident holds a phone: valid 10 minutes, 5 wrong tries. A code is asked for at
/// most once a minute per phone, so the form cannot be used to flood someone's phone.
/// </summary>
public sealed class VerificationCodes(IMemoryCache cache, IVerificationCodeSender sender)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private sealed class Entry(string code)
    {
        public string Code { get; } = code;
        public int Tries { get; set; }
    }

    /// <summary>Sends a code to a valid mobile number; the refusal (bad number, asked again too soon) for the page's Phone field.</summary>
    public async Task<Marketplace.Domain.FieldError?> RequestAsync(string? phone, CancellationToken ct)
    {
        if (Marketplace.Grid.MatterRules.ValidatePhone(phone) is { } wrong)
        {
            return wrong;
        }
        return await SendAsync(phone!.Trim(), ct) ? null : new("Phone", "验证码已发送，请1分钟后再试");
    }

    private async Task<bool> SendAsync(string phone, CancellationToken ct)
    {
        if (!cache.TryGetValue("vc-wait:" + phone, out _))
        {
            var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            cache.Set("vc:" + phone, new Entry(code), Lifetime);
            cache.Set("vc-wait:" + phone, true, TimeSpan.FromMinutes(1));
            await sender.SendAsync(phone, code, ct);
            return true;
        }
        return false;
    }

    /// <summary>Whether the code is the one sent to the phone (it proves the phone until it expires); the sixth wrong try voids it.</summary>
    public bool Check(string phone, string? code)
    {
        if (!cache.TryGetValue("vc:" + phone, out Entry? entry) || entry is null || entry.Tries >= 5)
        {
            return false;
        }
        if (entry.Code != code?.Trim())
        {
            entry.Tries++;
            return false;
        }
        return true;
    }
}

public static class VerificationServiceCollectionExtensions
{
    public static IServiceCollection AddVerificationCodes(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<VerificationCodes>();
        services.TryAddSingleton<IVerificationCodeSender, LoggingVerificationCodeSender>();
        return services;
    }
}
