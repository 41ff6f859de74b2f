using System.Net;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Hosting;

public sealed class LockoutTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var userName = "lock" + Guid.NewGuid().ToString("N")[..6];
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = userName, DisplayName = "测试", DistrictId = 1 };
            Assert.True((await users.CreateAsync(user, "Right@2026x")).Succeeded);
            await users.AddToRoleAsync(user, Roles.DistrictAdmin);
        }
        using var session = new AppSession(app.Factory);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await session.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = "Wrong@2026x" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var right = await session.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = "Right@2026x" });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("账号已临时锁定", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Wrong_password_is_answered_in_chinese_on_the_form()
    {
        using var session = new AppSession(app.Factory);
        var response = await session.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "nobody", ["Input.Password"] = "x" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码不正确", await response.Content.ReadAsStringAsync());
    }
}
