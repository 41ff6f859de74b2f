using System.Collections.Concurrent;
using Marketplace.Web.Infrastructure.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Tests.Integration.Infrastructure;

/// <summary>
/// Every verification code a test host sent, by phone, as a phone would receive them. Recorded by a sender that
/// wraps whichever one the host has (a fixture's own capturing sender, or the logging one), so every host can read them.
/// </summary>
public sealed class SentCodes
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _byPhone = new();

    public void Record(string phone, string code) => _byPhone.GetOrAdd(phone, _ => new()).Enqueue(code);

    /// <summary>The codes sent to the phone, oldest first.</summary>
    public IReadOnlyList<string> To(string phone) => _byPhone.TryGetValue(phone, out var q) ? [.. q] : [];

    public string LastTo(string phone) => To(phone) is { Count: > 0 } codes ? codes[^1] : throw new InvalidOperationException($"No code was sent to {phone}.");

    /// <summary>Replaces the host's sender with one that records, then forwards to it.</summary>
    internal static void Capture(IServiceCollection services)
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(IVerificationCodeSender));
        services.RemoveAll<IVerificationCodeSender>();
        services.AddSingleton<SentCodes>();
        services.AddSingleton<IVerificationCodeSender>(sp => new Recording(Resolve(inner, sp), sp.GetRequiredService<SentCodes>()));
    }

    private static IVerificationCodeSender? Resolve(ServiceDescriptor? d, IServiceProvider sp) => d switch
    {
        null => null,
        { ImplementationInstance: IVerificationCodeSender instance } => instance,
        { ImplementationFactory: { } factory } => (IVerificationCodeSender)factory(sp),
        { ImplementationType: { } type } => (IVerificationCodeSender)ActivatorUtilities.CreateInstance(sp, type),
        _ => null,
    };

    private sealed class Recording(IVerificationCodeSender? inner, SentCodes codes) : IVerificationCodeSender
    {
        public Task SendAsync(string phone, string code, CancellationToken ct)
        {
            codes.Record(phone, code);
            return inner?.SendAsync(phone, code, ct) ?? Task.CompletedTask;
        }
    }
}
