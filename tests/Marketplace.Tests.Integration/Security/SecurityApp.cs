using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Security;

/// <summary>The app with the test's client addresses honoured (see <see cref="ClientAddressFilter"/>).</summary>
public sealed class SecurityApp() : AppFixture(DatabaseTarget.Sqlite)
{
    public LogCollector Logs { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        ClientAddressFilter.AddTo(services);
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
    }
}

/// <summary>Ties the security test classes that use the default settings to one host.</summary>
[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityApp>
{
    public const string Name = "security";
}
