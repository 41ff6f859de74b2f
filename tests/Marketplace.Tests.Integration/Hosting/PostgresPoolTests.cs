using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Infrastructure.Database;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.Tests.Integration.Hosting;

/// <summary>
/// The PostgreSQL rush answered 500 with 53300 "too many clients" once one process held Npgsql's default 100
/// connections (bench/README.md): the app caps its pool unless the deployment's connection string names a size.
/// </summary>
public sealed class PostgresPoolTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [SkippableFact]
    public void A_postgres_host_without_a_pool_size_pools_at_most_thirty_connections()
    {
        var factory = app.Require();
        var used = factory.Services.GetRequiredService<DatabaseOptions>().ConnectionString!;

        Assert.DoesNotContain("Pool Size", factory.Database.ConnectionString!, StringComparison.OrdinalIgnoreCase); // the test names none
        Assert.Equal(PostgresPool.DefaultMaxPoolSize, new NpgsqlConnectionStringBuilder(used).MaxPoolSize);
        Assert.Equal(new NpgsqlConnectionStringBuilder(factory.Database.ConnectionString!).Database, new NpgsqlConnectionStringBuilder(used).Database);
    }

    [Theory]
    [InlineData("Host=db;Database=m;Maximum Pool Size=7")]
    [InlineData("Host=db;Database=m;maxpoolsize=7")]
    public void A_pool_size_named_by_the_deployment_is_kept(string connectionString) =>
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(PostgresPool.WithDefaultCap(connectionString)).MaxPoolSize);

    [Fact]
    public void The_cap_keeps_everything_else_of_the_connection_string()
    {
        var capped = new NpgsqlConnectionStringBuilder(PostgresPool.WithDefaultCap("Host=db;Port=5433;Database=m;Username=u;Password=p"));
        Assert.Equal(("db", 5433, "m", "u", "p", 30), (capped.Host, capped.Port, capped.Database, capped.Username, capped.Password, capped.MaxPoolSize));
    }
}
