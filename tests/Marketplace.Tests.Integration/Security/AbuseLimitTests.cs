using System.Net;
using Marketplace.Tests.Integration.Infrastructure;
using static Marketplace.Tests.Integration.Organizations.OrganizationForms;

namespace Marketplace.Tests.Integration.Security;

/// <summary>The app with low abuse limits (three of each per hour).</summary>
public sealed class LowLimitsApp() : ConfiguredApp(Settings())
{
    private static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?> { ["Security:Limits:LoginFailuresPerAccount"] = "3" };
        foreach (var limit in (string[])["Login", "Registration", "Objection", "PublicForm", "PublicJson"])
        {
            settings[$"Security:Limits:{limit}:Permits"] = "3";
            settings[$"Security:Limits:{limit}:WindowSeconds"] = "3600";
        }
        return settings;
    }
}

/// <summary>
/// Floods are cut off with 429, Retry-After and a Chinese message: logins and registrations per client
/// address, objections per account, public forms and public JSON per address. Each test acts from its own
/// address, so the tests do not use up each other's allowance.
/// </summary>
public sealed class AbuseLimitTests(LowLimitsApp app) : IClassFixture<LowLimitsApp>
{
    private AppSession From(string address) => SecurityClients.From(app.Factory, address);

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string contentType)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says how long to wait");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("操作过于频繁", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fourth_login_post_from_one_address_is_refused_while_another_address_may_sign_in()
    {
        using var flood = From("198.51.100.1");
        for (var i = 0; i < 3; i++)
        {
            var ok = await flood.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "x" + i, ["Input.Password"] = "Wrong@2026x" });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        await AssertRefusedAsync(
            await flood.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "dongshan", ["Input.Password"] = AppSession.DemoPassword }),
            "text/html");

        using var other = From("198.51.100.2");
        var login = await other.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "dongshan", ["Input.Password"] = AppSession.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task Registrations_from_one_address_are_limited_and_the_refused_one_creates_nothing()
    {
        using var session = From("198.51.100.3");
        var districtId = await DistrictIdAsync(app.Factory, "江宁区");
        for (var i = 0; i < 3; i++)
        {
            using var one = From("198.51.100.3");
            var registered = await one.PostFormAsync("/organizations/register", Registration(NewCode(), NewUserName(), "限流测试中心" + i, districtId));
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        }
        var userName = NewUserName();
        await AssertRefusedAsync(
            await session.PostFormAsync("/organizations/register", Registration(NewCode(), userName, "限流测试中心4", districtId)), "text/html");
        Assert.False(await QueryAsync(app.Factory, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Users, u => u.UserName == userName)));
    }

    [Fact]
    public async Task Public_json_beyond_the_limit_answers_problem_json()
    {
        using var session = From("198.51.100.4");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/public/catalog")).StatusCode);
        }
        await AssertRefusedAsync(await session.GetAsync("/api/public/tenders"), "application/problem+json");
    }

    [Fact]
    public async Task Anonymous_form_posts_beyond_the_limit_are_refused()
    {
        using var session = From("198.51.100.5");
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await session.Http.PostAsync("/Index", new FormUrlEncodedContent([]))).StatusCode);
        }
        await AssertRefusedAsync(await session.Http.PostAsync("/Index", new FormUrlEncodedContent([])), "text/html");
    }

    [Fact]
    public async Task Objections_are_limited_per_account_whatever_the_address()
    {
        using var ngo = await LoginFromAsync("lejia", "198.51.100.6"); // a seeded NGO
        var url = $"/Ngo/Tenders/Apply/{Guid.NewGuid()}?handler=Object";
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await ngo.Http.PostAsync(url, new FormUrlEncodedContent([new("ObjectionText", "评分有误")]))).StatusCode);
        }
        ngo.Http.DefaultRequestHeaders.Remove(ClientAddressFilter.Header);
        ngo.Http.DefaultRequestHeaders.Add(ClientAddressFilter.Header, "198.51.100.7");
        await AssertRefusedAsync(await ngo.Http.PostAsync(url, new FormUrlEncodedContent([new("ObjectionText", "评分有误")])), "text/html");
    }

    [Fact]
    public async Task Wrong_passwords_spread_over_many_addresses_make_the_account_back_off_everywhere()
    {
        var userName = await SecurityClients.NewUserAsync(app.Factory, "Right@2026x", Marketplace.Web.Infrastructure.Identity.Roles.DistrictAdmin);
        // Three failures reach the account-wide bound; six more make the wait 2^6 s, far longer than this test runs.
        for (var i = 0; i < 9; i++)
        {
            using var guesser = From($"203.0.113.{10 + i}");
            await guesser.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = "Wrong@2026x" });
        }
        using var owner = From("192.0.2.99");
        var response = await owner.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = "Right@2026x" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("账号已临时锁定", await response.Content.ReadAsStringAsync());
    }

    private async Task<AppSession> LoginFromAsync(string userName, string address)
    {
        var session = From(address);
        var response = await session.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = AppSession.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }
}
