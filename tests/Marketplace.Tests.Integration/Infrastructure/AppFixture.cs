namespace Marketplace.Tests.Integration.Infrastructure;

/// <summary>One seeded app host shared by the tests of a class, on the database the subclass names.</summary>
public abstract class AppFixture : IAsyncLifetime
{
    protected AppFixture(DatabaseTarget target) => Target = target;

    public DatabaseTarget Target { get; }
    public string? SkipReason => TestDatabase.SkipReason(Target);
    public MarketplaceAppFactory Factory => _factory ?? throw new InvalidOperationException(SkipReason ?? "Host not started.");

    private MarketplaceAppFactory? _factory;

    /// <summary>The host, or a skipped test (reason printed) when this database is not available here.</summary>
    public MarketplaceAppFactory Require()
    {
        Skip.If(SkipReason is not null, SkipReason);
        return Factory;
    }

    /// <summary>Lets a feature's fixture replace a service of the app (e.g. the server clock).</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    /// <summary>Lets a feature's fixture set configuration keys of the app (e.g. the OCDS prefix), as the deployment does.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public Task InitializeAsync()
    {
        if (SkipReason is null)
        {
            _factory = new MarketplaceAppFactory(TestDatabase.Create(Target), Settings, ConfigureServices);
            _ = _factory.Server; // start the host (migrations, silo, seed) before the first test
        }
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory.Database.Dispose();
        }
    }
}

public sealed class SqliteApp() : AppFixture(DatabaseTarget.Sqlite);

public sealed class PostgresApp() : AppFixture(DatabaseTarget.Postgres);
