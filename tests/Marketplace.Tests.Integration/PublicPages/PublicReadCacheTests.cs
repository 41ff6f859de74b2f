using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Tests.Integration.Catalog;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.PublicPages;

/// <summary>
/// The public JSON reads are answered from the output cache, and a change is public within 1 s (issue 15):
/// the cached answer is evicted when the change is saved.
/// </summary>
public abstract class PublicReadCacheTests(AppFixture app)
{
    private MarketplaceAppFactory Factory => app.Require();

    [SkippableFact]
    public async Task Cached_catalog_answer_shows_a_published_item_within_one_second()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var title = CatalogForms.Unique("缓存失效事项");
        var url = "/api/public/catalog?q=" + Uri.EscapeDataString(title);
        using var anonymous = new AppSession(Factory);

        Assert.Equal(0, (await anonymous.Http.GetFromJsonAsync<JsonElement>(url)).GetProperty("total").GetInt32());
        using var repeated = await anonymous.Http.GetAsync(url);
        Assert.True(repeated.Headers.Age is not null, "the repeated anonymous read is answered from the output cache (Age header)");

        var (id, version) = await CatalogForms.CreateAsync(official, title);
        await CatalogForms.PublishAsync(official, id, version);

        // Poll with a deadline, no sleep: the first answer that shows the item ends the loop.
        var clock = Stopwatch.StartNew();
        var total = 0;
        while (total == 0 && clock.Elapsed < PublicReadDeadline)
        {
            total = (await anonymous.Http.GetFromJsonAsync<JsonElement>(url)).GetProperty("total").GetInt32();
        }
        Assert.Equal(1, total);
    }

    [SkippableFact]
    public async Task A_grain_state_write_keeps_the_cached_catalog_and_a_catalog_publish_evicts_it()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var store = Factory.Services.GetRequiredService<IOutputCacheStore>();
        // A probe entry under the catalog read's tag in the app's own store: its long lifetime keeps the
        // one-second expiry out of the assertion, so only an eviction can remove it.
        var probe = "probe-" + Guid.NewGuid().ToString("N");
        await store.SetAsync(probe, [1], [PublicReads.Catalog.Tag], TimeSpan.FromMinutes(5), CancellationToken.None);

        // What a rush writes: grain state rows, saved and removed through the app's DbContext.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = new GrainStateRecord { StateName = "rush-probe", GrainId = probe, Document = "{}", ETag = "1", UpdatedAt = DateTimeOffset.UtcNow };
            db.GrainStates.Add(row);
            await db.SaveChangesAsync();
            db.GrainStates.Remove(row);
            await db.SaveChangesAsync();
        }
        Assert.NotNull(await store.GetAsync(probe, CancellationToken.None));

        var (id, version) = await CatalogForms.CreateAsync(official, CatalogForms.Unique("缓存定向失效事项"));
        await CatalogForms.PublishAsync(official, id, version);
        Assert.Null(await store.GetAsync(probe, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Logged_in_reads_are_not_cached()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        await official.Http.GetAsync("/api/public/tenders");
        using var repeated = await official.Http.GetAsync("/api/public/tenders");
        Assert.Null(repeated.Headers.Age);
    }

    [SkippableTheory]
    [InlineData("/Catalog")]
    [InlineData("/Tenders")]
    [InlineData("/Organizations")]
    public async Task An_anonymous_public_list_page_sets_no_cookie_and_is_answered_from_the_output_cache(string page)
    {
        // A query no other test asks, so the first answer is rendered here.
        var url = page + "?q=" + Uri.EscapeDataString(CatalogForms.Unique("无此关键词"));
        using var anonymous = new AppSession(Factory);

        using var first = await anonymous.Http.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        // A Set-Cookie makes the output cache refuse the response (before: the antiforgery cookie on every page).
        Assert.False(first.Headers.Contains("Set-Cookie"), $"{page} sets {string.Join("; ", first.Headers.TryGetValues("Set-Cookie", out var c) ? c : [])}");
        using var repeated = await anonymous.Http.GetAsync(url);
        Assert.True(repeated.Headers.Age is not null, $"the repeated anonymous {page} is answered from the output cache (Age header)");
    }

    [SkippableFact]
    public async Task Cached_catalog_page_shows_a_published_item_within_one_second()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var title = CatalogForms.Unique("页面缓存失效事项");
        var url = "/Catalog?q=" + Uri.EscapeDataString(title);
        using var anonymous = new AppSession(Factory);
        Assert.Contains("没有符合条件的事项", await anonymous.GetHtmlAsync(url));
        using (var repeated = await anonymous.Http.GetAsync(url))
        {
            Assert.True(repeated.Headers.Age is not null, "the empty answer is cached before the publish");
        }

        var (id, version) = await CatalogForms.CreateAsync(official, title);
        await CatalogForms.PublishAsync(official, id, version);

        var clock = Stopwatch.StartNew();
        var html = "";
        while (!html.Contains(title, StringComparison.Ordinal) && clock.Elapsed < PublicReadDeadline)
        {
            html = await anonymous.GetHtmlAsync(url);
        }
        Assert.Contains($">{title}</a>", html);
    }

    [SkippableFact]
    public async Task A_signed_in_user_never_gets_the_cached_anonymous_catalog_page()
    {
        var url = "/Catalog?q=" + Uri.EscapeDataString(CatalogForms.Unique("登录用户不取缓存"));
        using var anonymous = new AppSession(Factory);
        await anonymous.GetHtmlAsync(url);
        using (var cached = await anonymous.Http.GetAsync(url))
        {
            Assert.True(cached.Headers.Age is not null, "the anonymous page is in the cache");
            Assert.Contains(">登录</a>", await cached.Content.ReadAsStringAsync());
        }

        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        using var signedIn = await official.Http.GetAsync(url);
        var html = await signedIn.Content.ReadAsStringAsync();
        Assert.Null(signedIn.Headers.Age);
        // The page's own account part: the official's name and the logout form, not the anonymous login link.
        Assert.Contains("data-testid=\"current-user\"", html);
        Assert.DoesNotContain(">登录</a>", html);
        using var again = await official.Http.GetAsync(url);
        Assert.Null(again.Headers.Age);
    }

    private static readonly TimeSpan PublicReadDeadline = TimeSpan.FromSeconds(1);
}

public sealed class PublicReadCacheTests_Sqlite(SqliteApp app) : PublicReadCacheTests(app), IClassFixture<SqliteApp>;

public sealed class PublicReadCacheTests_Postgres(PostgresApp app) : PublicReadCacheTests(app), IClassFixture<PostgresApp>;
