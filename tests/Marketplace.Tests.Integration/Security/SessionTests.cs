using System.Net;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Security;

/// <summary>A sign-in cookie ends with 退出 and with a password change, also every copy of it.</summary>
[Collection(SecurityCollection.Name)]
public sealed class SessionTests(SecurityApp app)
{
    private const string Password = "Street@2026x";

    /// <summary>A street official of 东山街道 of one's own, so ending its sessions touches no other test.</summary>
    private async Task<string> NewStreetOfficialAsync()
    {
        var street = await Organizations.OrganizationForms.QueryAsync(app.Factory, db => db.Streets.AsNoTracking().SingleAsync(s => s.Name == "东山街道"));
        return await SecurityClients.NewUserAsync(app.Factory, Password, Roles.StreetOfficial, street.DistrictId, street.Id);
    }

    /// <summary>A second browser holding a copy of the session's cookies (what a thief replays).</summary>
    private static AppSession Replay(AppSession session)
    {
        var copy = new CookieContainer();
        copy.Add(session.Cookies.GetAllCookies());
        return new AppSession(session.Factory, copy);
    }

    [Fact]
    public async Task Cookie_replayed_after_logout_no_longer_opens_the_street_budget()
    {
        var userName = await NewStreetOfficialAsync();
        using var session = await AppSession.LoginAsync(app.Factory, userName, Password);
        using var saved = Replay(session);
        Assert.Equal(HttpStatusCode.OK, (await saved.GetAsync("/Street/Budget")).StatusCode);

        var logout = await session.PostFormAsync("/Street/Budget", [], "/Account/Logout");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        var replayed = await saved.GetAsync("/Street/Budget");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/Account/Login", replayed.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Password_change_ends_the_sessions_signed_in_with_the_old_one()
    {
        var userName = await NewStreetOfficialAsync();
        using var session = await AppSession.LoginAsync(app.Factory, userName, Password);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Street/Budget")).StatusCode);

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByNameAsync(userName);
            Assert.True((await users.ChangePasswordAsync(user!, Password, "Changed@2026x")).Succeeded);
        }

        var after = await session.GetAsync("/Street/Budget");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery);
        using var again = await AppSession.LoginAsync(app.Factory, userName, "Changed@2026x");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Street/Budget")).StatusCode);
    }

    [Fact]
    public async Task Password_changed_on_its_page_ends_other_sessions_keeps_this_one_and_shows_refusals()
    {
        var userName = await NewStreetOfficialAsync();
        using var session = await AppSession.LoginAsync(app.Factory, userName, Password);
        using var other = await AppSession.LoginAsync(app.Factory, userName, Password);

        var wrong = await session.PostFormAsync("/Account/ChangePassword",
            new() { ["Input.Current"] = "Wrong@2026x", ["Input.New"] = "Changed@2026x", ["Input.Confirm"] = "Changed@2026x" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("密码不正确", await wrong.Content.ReadAsStringAsync());
        var mismatch = await session.PostFormAsync("/Account/ChangePassword",
            new() { ["Input.Current"] = Password, ["Input.New"] = "Changed@2026x", ["Input.Confirm"] = "Other@2026x" });
        Assert.Contains("两次输入的新密码不一致", await mismatch.Content.ReadAsStringAsync());

        var changed = await session.PostFormAsync("/Account/ChangePassword",
            new() { ["Input.Current"] = Password, ["Input.New"] = "Changed@2026x", ["Input.Confirm"] = "Changed@2026x" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Street/Budget")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/Street/Budget")).StatusCode);
    }
}
