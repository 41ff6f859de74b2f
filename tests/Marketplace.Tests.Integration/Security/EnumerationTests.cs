using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using static Marketplace.Tests.Integration.Organizations.OrganizationForms;

namespace Marketplace.Tests.Integration.Security;

/// <summary>Nothing a sign-in or a registration answers tells whether an account exists.</summary>
[Collection(SecurityCollection.Name)]
public sealed partial class EnumerationTests(SecurityApp app)
{
    private static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return string.Join(" | ", ErrorText().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value.Trim())).Where(t => t.Length > 0));
    }

    private static Task<HttpResponseMessage> LoginAsync(AppSession session, string userName, string password) =>
        session.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });

    [Fact]
    public async Task Unknown_name_and_wrong_password_get_the_same_answers_also_once_throttled()
    {
        using var session = SecurityClients.From(app.Factory, "198.51.100.10");
        var unknown = "nobody" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 5; i++)
        {
            var real = await ErrorsAsync(await LoginAsync(session, "admin.wuxing", "Wrong@2026x"));
            var none = await ErrorsAsync(await LoginAsync(session, unknown, "Wrong@2026x"));
            Assert.Equal("用户名或密码不正确", real);
            Assert.Equal(real, none);
        }
        var realLocked = await ErrorsAsync(await LoginAsync(session, "admin.wuxing", AppSession.DemoPassword));
        var noneLocked = await ErrorsAsync(await LoginAsync(session, unknown, AppSession.DemoPassword));
        Assert.Contains("账号已临时锁定", realLocked);
        Assert.Equal(realLocked, noneLocked);
    }

    [Fact]
    public async Task Wrong_passwords_from_one_network_do_not_lock_the_account_for_another()
    {
        var userName = await SecurityClients.NewUserAsync(app.Factory, "Right@2026x", Roles.DistrictAdmin);
        using var attacker = SecurityClients.From(app.Factory, "203.0.113.66");
        for (var i = 0; i < 8; i++)
        {
            await LoginAsync(attacker, userName, "Wrong@2026x");
        }
        Assert.Contains("账号已临时锁定", await ErrorsAsync(await LoginAsync(attacker, userName, "Right@2026x")));

        using var owner = SecurityClients.From(app.Factory, "192.0.2.20");
        var response = await LoginAsync(owner, userName, "Right@2026x");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Registration_with_a_taken_name_does_not_say_it_is_taken()
    {
        using var session = SecurityClients.From(app.Factory, "198.51.100.30");
        var districtId = await DistrictIdAsync(app.Factory, "江宁区");
        var response = await session.PostFormAsync("/organizations/register", Registration(NewCode(), "admin.jiangning", "枚举测试服务中心", districtId));
        var errors = await ErrorsAsync(response);
        Assert.Equal(UserNameUnavailable, errors);
        Assert.DoesNotContain("已被使用", errors);
        Assert.DoesNotContain("admin.jiangning", errors);
    }

    private const string UserNameUnavailable = ChineseIdentityErrorDescriber.UserNameUnavailable;

    // Field messages (asp-validation-for spans) and the summary's items.
    [GeneratedRegex("(?:<span class=\"[^\"]*field-validation-error[^\"]*\"[^>]*>|<li>)([^<]+)</(?:span|li)>")]
    private static partial Regex ErrorText();
}
