using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Notifications;

/// <summary>
/// Read state of in-app messages: each account reads a message on its own (also one sent to its whole
/// street or organization), the navigation shows how many are unread, and nobody can mark a message
/// that was not sent to them.
/// </summary>
public abstract partial class NotificationReadTests(AppFixture app)
{
    private MarketplaceAppFactory Factory => app.Require();

    [SkippableFact]
    public async Task Ngo_sees_unread_count_in_navigation_and_marking_read_lowers_it()
    {
        using var ngo = await AppSession.LoginAsync(Factory, "ngo.lejia");
        var before = await UnreadInNavAsync(ngo);
        var (uscc, district) = await OrganizationOfAsync("ngo.lejia");
        var tender = Guid.NewGuid();
        var toOrg = await AddAsync("org:" + uscc, "评审结果已公布", tender);
        await AddAsync("district-ngos:" + district, "新的采购公告：社区助餐服务");
        await AddAsync("user:ngo.lejia", "账号信息已更新");
        await AddAsync("org:91320115MA1OTHER0X", "发给另一家组织的消息");

        Assert.Equal(before + 3, await UnreadInNavAsync(ngo));
        var list = await ngo.GetHtmlAsync("/Notifications");
        Assert.Contains($"{before + 3}条未读", list);
        Assert.Contains($"data-notification=\"{toOrg}\" data-read=\"false\"", list);
        Assert.Contains($"href=\"/Ngo/Tenders/Apply/{tender}\"", list);
        Assert.DoesNotContain("发给另一家组织的消息", list);

        await TenderForms.AssertRedirectAsync(await MarkReadAsync(ngo, toOrg));
        Assert.Equal(before + 2, await UnreadInNavAsync(ngo));
        Assert.Contains($"data-notification=\"{toOrg}\" data-read=\"true\"", await ngo.GetHtmlAsync("/Notifications"));

        await TenderForms.AssertRedirectAsync(await ngo.PostFormAsync("/Notifications", [], "/Notifications?handler=MarkAllRead"));
        Assert.Equal(0, await UnreadInNavAsync(ngo));
        var after = await ngo.GetHtmlAsync("/Notifications");
        Assert.DoesNotContain("data-read=\"false\"", after);
        Assert.DoesNotContain("条未读", after);
    }

    [SkippableFact]
    public async Task Street_message_is_read_per_official()
    {
        var street = await StreetIdAsync("东山街道");
        var colleague = await AddStreetOfficialAsync("东山街道");
        using var first = await AppSession.LoginAsync(Factory, "dongshan");
        using var second = await AppSession.LoginAsync(Factory, colleague);
        var (firstBefore, secondBefore) = (await UnreadInNavAsync(first), await UnreadInNavAsync(second));
        var tender = Guid.NewGuid();
        var id = await AddAsync("street:" + street, "采购项目已截止，请申请抽取评审专家", tender);
        await AddAsync("street:" + await StreetIdAsync("秣陵街道"), "发给秣陵街道的消息");

        Assert.Equal(firstBefore + 1, await UnreadInNavAsync(first));
        Assert.Equal(secondBefore + 1, await UnreadInNavAsync(second));
        Assert.Contains($"href=\"/Street/Tenders/Details/{tender}\"", await first.GetHtmlAsync("/Notifications"));

        await TenderForms.AssertRedirectAsync(await MarkReadAsync(first, id));
        Assert.Equal(firstBefore, await UnreadInNavAsync(first));
        // The colleague of the same street has not read it.
        Assert.Equal(secondBefore + 1, await UnreadInNavAsync(second));
        Assert.Contains($"data-notification=\"{id}\" data-read=\"false\"", await second.GetHtmlAsync("/Notifications"));

        await TenderForms.AssertRedirectAsync(await second.PostFormAsync("/Notifications", [], "/Notifications?handler=MarkAllRead"));
        Assert.Equal(0, await UnreadInNavAsync(second));
        Assert.Equal(2, await ReadsOfAsync(id));
    }

    [SkippableFact]
    public async Task Evaluator_and_district_admin_see_their_own_unread_messages()
    {
        using var expert = await AppSession.LoginAsync(Factory, "expert.zhao");
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var (expertBefore, adminBefore) = (await UnreadInNavAsync(expert), await UnreadInNavAsync(admin));
        var tender = Guid.NewGuid();
        await AddAsync("user:expert.zhao", "您被抽取为评审专家，请先声明与申请单位无利害关系", tender);
        await AddAsync("user:admin.jiangning", "专家库已无可补抽的专家", tender);

        Assert.Equal(expertBefore + 1, await UnreadInNavAsync(expert));
        Assert.Equal(adminBefore + 1, await UnreadInNavAsync(admin));
        Assert.Contains($"href=\"/Evaluator/Reviews/Review/{tender}\"", await expert.GetHtmlAsync("/Notifications"));
        Assert.Contains($"href=\"/Tenders/Details/{tender}\"", await admin.GetHtmlAsync("/Notifications"));
    }

    [SkippableFact]
    public async Task Marking_a_message_sent_to_someone_else_answers_404_and_changes_nothing()
    {
        var (uscc, district) = await OrganizationOfAsync("ngo.lejia");
        var toLejia = await AddAsync("org:" + uscc, "已收到您的申请");
        var toNgos = await AddAsync("district-ngos:" + district, "新的采购公告：社区心理疏导");
        using var renai = await AppSession.LoginAsync(Factory, "ngo.renai");
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        using var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia");
        var lejiaBefore = await UnreadInNavAsync(lejia);

        Assert.Equal(HttpStatusCode.NotFound, (await MarkReadAsync(renai, toLejia)).StatusCode);
        // A street official is not among "all NGOs of the district".
        Assert.Equal(HttpStatusCode.NotFound, (await MarkReadAsync(official, toNgos)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MarkReadAsync(official, Guid.NewGuid())).StatusCode);
        // Marking all of one's own leaves another organization's message unread.
        await TenderForms.AssertRedirectAsync(await renai.PostFormAsync("/Notifications", [], "/Notifications?handler=MarkAllRead"));

        Assert.Equal(0, await ReadsOfAsync(toLejia));
        Assert.Equal(1, await ReadsOfAsync(toNgos)); // renai's own read of the district-wide notice
        Assert.Equal(lejiaBefore, await UnreadInNavAsync(lejia));
        Assert.Contains($"data-notification=\"{toLejia}\" data-read=\"false\"", await lejia.GetHtmlAsync("/Notifications"));
    }

    [SkippableFact]
    public async Task Marking_read_without_antiforgery_token_answers_400_and_changes_nothing()
    {
        var (uscc, _) = await OrganizationOfAsync("ngo.lejia");
        var id = await AddAsync("org:" + uscc, "采购公告已变更，截止时间顺延");
        using var ngo = await AppSession.LoginAsync(Factory, "ngo.lejia");
        var before = await UnreadInNavAsync(ngo);

        var one = await ngo.Http.PostAsync($"/Notifications?handler=MarkRead&id={id}", new FormUrlEncodedContent([]));
        var all = await ngo.Http.PostAsync("/Notifications?handler=MarkAllRead", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, one.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, all.StatusCode);
        Assert.Equal(0, await ReadsOfAsync(id));
        Assert.Equal(before, await UnreadInNavAsync(ngo));
    }

    [SkippableFact]
    public async Task List_is_paged_newest_first()
    {
        var colleague = await AddStreetOfficialAsync("秣陵街道");
        using var official = await AppSession.LoginAsync(Factory, colleague);
        var now = DateTimeOffset.UtcNow;
        for (var i = 1; i <= 25; i++)
        {
            await AddAsync("user:" + colleague, $"分页消息{i:00}号", at: now.AddMinutes(i));
        }

        var first = await official.GetHtmlAsync("/Notifications");
        Assert.Contains("分页消息25号", first);
        Assert.True(first.IndexOf("分页消息25号", StringComparison.Ordinal) < first.IndexOf("分页消息24号", StringComparison.Ordinal));
        Assert.DoesNotContain("分页消息01号", first);
        Assert.Contains("?page=2", first);
        var second = await official.GetHtmlAsync("/Notifications?page=2");
        Assert.True(second.Contains("分页消息01号", StringComparison.Ordinal), second[second.IndexOf("<main", StringComparison.Ordinal)..]);
    }

    private static Task<HttpResponseMessage> MarkReadAsync(AppSession who, Guid id) =>
        who.PostFormAsync("/Notifications", [], $"/Notifications?handler=MarkRead&id={id}");

    /// <summary>The number on the 消息 badge of the navigation; no badge means none unread.</summary>
    private static async Task<int> UnreadInNavAsync(AppSession who)
    {
        var html = await who.GetHtmlAsync("/Catalog");
        var m = BadgePattern().Match(html);
        if (!m.Success)
        {
            Assert.DoesNotContain("条未读", html);
            return 0;
        }
        var count = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"{count}条未读", html); // what a screen reader announces
        return count;
    }

    private async Task<Guid> AddAsync(string recipient, string text, Guid? tender = null, DateTimeOffset? at = null)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = new NotificationRow { Id = Guid.NewGuid(), TenderId = tender, Recipient = recipient, Text = text, CreatedAt = at ?? DateTimeOffset.UtcNow };
        db.Notifications.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private async Task<int> ReadsOfAsync(Guid id)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().NotificationReads.CountAsync(r => r.NotificationId == id);
    }

    private async Task<(string Uscc, long District)> OrganizationOfAsync(string userName)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var uscc = await db.Users.Where(u => u.UserName == userName).Select(u => u.OrganizationUscc!).SingleAsync();
        return (uscc, await db.Organizations.Where(o => o.Uscc == uscc).Select(o => o.DistrictId).SingleAsync());
    }

    private async Task<long> StreetIdAsync(string name)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Streets.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
    }

    /// <summary>A second official account of <paramref name="street"/>; returns its user name.</summary>
    private async Task<string> AddStreetOfficialAsync(string street)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var s = await db.Streets.SingleAsync(x => x.Name == street);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = "official." + Guid.NewGuid().ToString("N")[..8], DisplayName = street + " 王芳", DistrictId = s.DistrictId, StreetId = s.Id,
        };
        Assert.True((await users.CreateAsync(user, AppSession.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.StreetOfficial)).Succeeded);
        return user.UserName;
    }

    [GeneratedRegex("data-testid=\"unread-count\"[^>]*>(\\d+)<")]
    private static partial Regex BadgePattern();
}

public sealed class NotificationReadTests_Sqlite(SqliteApp app) : NotificationReadTests(app), IClassFixture<SqliteApp>;

public sealed class NotificationReadTests_Postgres(PostgresApp app) : NotificationReadTests(app), IClassFixture<PostgresApp>;
