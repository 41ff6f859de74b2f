using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Tests.Integration.Catalog;
using Marketplace.Tests.Integration.Infrastructure;

namespace Marketplace.Tests.Integration.Hosting;

/// <summary>A restart of the host on the same database keeps the data and the sign-in.</summary>
public abstract class RestartTests(DatabaseTarget target)
{
    [SkippableFact]
    public async Task Restart_keeps_published_items_and_the_login_cookie_still_works()
    {
        var skip = TestDatabase.SkipReason(target);
        Skip.If(skip is not null, skip);
        using var database = TestDatabase.Create(target);
        string title;
        CookieContainer cookies;
        await using (var first = new MarketplaceAppFactory(database))
        {
            using var official = await AppSession.LoginAsync(first, "dongshan");
            title = CatalogForms.Unique("重启后仍在");
            var (id, version) = await CatalogForms.CreateAsync(official, title);
            await CatalogForms.PublishAsync(official, id, version);
            cookies = official.Cookies;
        }

        await using var second = new MarketplaceAppFactory(database);
        using var anonymous = new AppSession(second);
        var json = await anonymous.Http.GetFromJsonAsync<JsonElement>("/api/public/catalog?q=" + Uri.EscapeDataString(title));
        Assert.Equal(1, json.GetProperty("total").GetInt32());

        // The cookie issued by the first host opens a staff page of the second: the keys were persisted.
        using var returning = new AppSession(second, cookies);
        var response = await returning.GetAsync("/Street/Catalog");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(title, await response.Content.ReadAsStringAsync());
    }
}

public sealed class RestartTests_Sqlite() : RestartTests(DatabaseTarget.Sqlite);

public sealed class RestartTests_Postgres() : RestartTests(DatabaseTarget.Postgres);
