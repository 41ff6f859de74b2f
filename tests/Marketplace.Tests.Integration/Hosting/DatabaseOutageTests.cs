using System.Net;
using Marketplace.Tests.Integration.Infrastructure;
using Npgsql;

namespace Marketplace.Tests.Integration.Hosting;

/// <summary>A host of its own: this test makes its database refuse connections.</summary>
public sealed class OutagePostgresApp() : AppFixture(DatabaseTarget.Postgres);

/// <summary>
/// Issue 16 (docs/RELIABILITY.md): a signed-in form post while PostgreSQL refuses connections gets the Chinese
/// error page with a 5xx status and no stack trace. Before the session check held stamps in a grain, the
/// re-executed error page read the database again and failed too, leaving an empty 500.
/// </summary>
public sealed class DatabaseOutageTests(OutagePostgresApp app) : IClassFixture<OutagePostgresApp>
{
    [SkippableFact]
    public async Task Signed_in_post_during_a_postgres_outage_gets_the_chinese_error_page()
    {
        var factory = app.Require();
        using var official = await AppSession.LoginAsync(factory, "dongshan");
        var token = AppSession.AntiforgeryToken(await official.GetHtmlAsync("/Account/ChangePassword"));
        var database = new NpgsqlConnectionStringBuilder(factory.Database.ConnectionString).Database!;

        await OutageAsync(database, refuse: true);
        try
        {
            var response = await official.Http.PostAsync("/Account/ChangePassword", new FormUrlEncodedContent([
                new("__RequestVerificationToken", token), new("Input.Current", "Wrong@2026x"),
                new("Input.New", "Changed@2026x"), new("Input.Confirm", "Changed@2026x")]));
            var html = await response.Content.ReadAsStringAsync();

            Assert.True((int)response.StatusCode >= 500, $"status {(int)response.StatusCode}");
            Assert.Contains("系统出错了", html);
            Assert.Contains("服务器处理请求时出错", html);
            Assert.DoesNotContain("Exception", html);
            Assert.DoesNotContain("   at ", html);
            Assert.DoesNotContain("Npgsql", html);
        }
        finally
        {
            await OutageAsync(database, refuse: false);
        }
        NpgsqlConnection.ClearAllPools();
        Assert.Equal(HttpStatusCode.OK, (await official.GetAsync("/Street/Budget")).StatusCode); // back after the outage
    }

    /// <summary>ALLOW_CONNECTIONS false and the open connections ended: what the app sees when the server goes away.</summary>
    private static async Task OutageAsync(string database, bool refuse)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer!) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var cmd = admin.CreateCommand();
        cmd.CommandText = $"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS {(refuse ? "false" : "true")};"
            + (refuse ? $" SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid();" : "");
        await cmd.ExecuteNonQueryAsync();
    }
}
