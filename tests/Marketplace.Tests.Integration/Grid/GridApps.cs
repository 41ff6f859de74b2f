using System.Collections.Concurrent;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Infrastructure.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Grid;

/// <summary>
/// The text-message gateway of the tests: keeps the last code sent to each phone so a test can type it, as the
/// resident reads it off the phone. It replaces only the sending seam; codes are made and checked by the app.
/// </summary>
public sealed class PhoneInbox : IVerificationCodeSender
{
    private readonly ConcurrentDictionary<string, string> _last = new();

    public Task SendAsync(string phone, string code, CancellationToken ct)
    {
        _last[phone] = code;
        return Task.CompletedTask;
    }

    public string LastCode(string phone) => _last[phone];

    public static void Register(IServiceCollection services) => services.AddSingleton<PhoneInbox>().AddSingleton<IVerificationCodeSender>(sp => sp.GetRequiredService<PhoneInbox>());
}

public abstract class GridApp(DatabaseTarget target) : AppFixture(target)
{
    protected override void ConfigureServices(IServiceCollection services) => PhoneInbox.Register(services);
}

public sealed class GridSqliteApp() : GridApp(DatabaseTarget.Sqlite);

public sealed class GridPostgresApp() : GridApp(DatabaseTarget.Postgres);

public sealed class GridBrowserFixture : BrowserFixture
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        PhoneInbox.Register(services);
    }
}
