using System.Collections.Concurrent;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Features.Ratings;
using Marketplace.Web.Infrastructure.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Ratings;

/// <summary>The verification codes the app sent, by phone, as a resident would read them off the phone.</summary>
public sealed class TestCodeSender : IVerificationCodeSender
{
    private readonly ConcurrentDictionary<string, string> _last = new();

    public Task SendAsync(string phone, string code, CancellationToken ct)
    {
        _last[phone] = code;
        return Task.CompletedTask;
    }

    public string Last(string phone) => _last.TryGetValue(phone, out var code) ? code : throw new InvalidOperationException("no code sent to " + phone);
}

/// <summary>The app with a movable clock and the test's code sender registered in the host.</summary>
public abstract class RatingApp(DatabaseTarget target) : TenderApp(target)
{
    public TestCodeSender Codes { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<IVerificationCodeSender>(Codes);
    }
}

public sealed class SqliteRatingApp() : RatingApp(DatabaseTarget.Sqlite);

public sealed class PostgresRatingApp() : RatingApp(DatabaseTarget.Postgres);
