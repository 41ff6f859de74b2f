using System.Net;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Security;

namespace Marketplace.Tests.Integration.Hosting;

/// <summary>
/// Two app hosts in one Redis-clustered Orleans cluster over one database, as two silos behind a proxy:
/// the abuse limits count a client's requests across both (not once per silo), and a sign-in cookie made
/// by one silo is accepted by the other (Data Protection keys shared through the database).
/// </summary>
public sealed class ClusterLimitsTests
{
    private const string RedisVariable = "MARKETPLACE_TEST_REDIS";

    private static Dictionary<string, string?> Cluster(string redis, string clusterId) => new()
    {
        ["Silo:Clustering"] = "Redis",
        ["Silo:RedisConnectionString"] = redis,
        ["Silo:ClusterId"] = clusterId,
        ["Silo:ServiceId"] = "marketplace-test",
        ["Security:Limits:Login:Permits"] = "10",
        ["Security:Limits:Login:WindowSeconds"] = "3600",
    };

    [SkippableFact]
    public async Task Eleventh_login_across_two_silos_gets_429_and_a_cookie_from_one_silo_opens_pages_on_the_other()
    {
        var redis = Environment.GetEnvironmentVariable(RedisVariable);
        Skip.If(string.IsNullOrEmpty(redis), $"Cluster limits skipped: set {RedisVariable} to a Redis server, e.g. 127.0.0.1:6379 (CI does).");
        using var database = TestDatabase.Create(DatabaseTarget.Sqlite);
        var settings = Cluster(redis, "limits-test-" + Guid.NewGuid().ToString("N")[..8]);
        await using var first = new MarketplaceAppFactory(database, settings, ClientAddressFilter.AddTo);
        _ = first.Server;
        await using var second = new MarketplaceAppFactory(database, settings, ClientAddressFilter.AddTo);
        _ = second.Server;

        // One client address, its login posts spread over both silos: ten are answered, the eleventh refused.
        const string address = "203.0.113.77";
        using var viaFirst = SecurityClients.From(first, address);
        using var viaSecond = SecurityClients.From(second, address);
        for (var i = 0; i < 10; i++)
        {
            var session = i % 2 == 0 ? viaFirst : viaSecond;
            var answered = await session.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "guess" + i, ["Input.Password"] = "Wrong@2026x" });
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }
        var refused = await viaFirst.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "guess10", ["Input.Password"] = "Wrong@2026x" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says how long to wait");
        Assert.Contains("操作过于频繁", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await viaSecond.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "guess11", ["Input.Password"] = "Wrong@2026x" })).StatusCode);

        // Signed in through the first silo; the same cookies sent to the second silo open a signed-in page.
        using var official = await AppSession.LoginAsync(first, "dongshan");
        Assert.Equal(HttpStatusCode.OK, (await official.GetAsync("/Street/Budget")).StatusCode);
        using var onSecond = new AppSession(second, official.Cookies);
        var page = await onSecond.GetAsync("/Street/Budget");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("东山街道", await page.Content.ReadAsStringAsync());
    }
}
