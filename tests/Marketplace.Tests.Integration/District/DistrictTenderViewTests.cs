using System.Net;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.District;

/// <summary>
/// SPEC §2: the district admin sees every street's purchases; after the deadline each tender's
/// applications (organization, time, price), before it nothing — not even how many. A failed purchase's
/// own street sees who applied. Another district's admin gets 404.
/// </summary>
public abstract class DistrictTenderViewTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    [SkippableFact]
    public async Task District_admin_sees_a_closed_tenders_applications_and_nothing_before_the_deadline()
    {
        var title = "区级查看 " + Guid.NewGuid().ToString("N")[..6];
        Guid id;
        using (var official = await AppSession.LoginAsync(Factory, "dongshan"))
        {
            id = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), title);
        }
        using (var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia"))
        {
            await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(lejia, id, "276543.21", "区级查看方案"));
        }

        using (var admin = await AppSession.LoginAsync(Factory, "admin.jiangning"))
        {
            var list = await admin.GetHtmlAsync("/District/Tenders?status=Published");
            Assert.Contains(title, list);
            Assert.Contains("东山街道", list);
            var before = await admin.GetHtmlAsync($"/District/Tenders/Details/{id}");
            Assert.Contains("报名截止前申请处于密封状态", before);
            foreach (var secret in new[] { "乐家", "276,543.21", "id=\"applications\"" })
            {
                Assert.DoesNotContain(secret, before);
            }
            Assert.DoesNotContain(title, await admin.GetHtmlAsync("/District/Tenders?status=Failed"));
            // 到期事项: the tender's close, in China time with a Chinese label; not in another district's list.
            var due = await admin.GetHtmlAsync("/District/DueWork");
            Assert.Contains("报名截止", due);
            Assert.Contains(title, due);
            var deadline = (await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenderGrain>(id).GetInfoAsync())!.Notice.Deadline;
            Assert.Contains(deadline.ToOffset(Marketplace.Domain.ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), due);
        }

        // One application where two are required: the close fails the purchase.
        var grain = Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenderGrain>(id);
        app.Clock.Advance((await grain.GetInfoAsync())!.Notice.Deadline - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await grain.CloseAsync(); // the timed close may have run first
        Assert.Equal(TenderStatus.Failed, (await grain.GetInfoAsync())!.Status);

        using (var admin = await AppSession.LoginAsync(Factory, "admin.jiangning"))
        {
            var after = await admin.GetHtmlAsync($"/District/Tenders/Details/{id}");
            Assert.Contains("江宁区乐家社会工作服务中心", after);
            Assert.Contains("276,543.21", after);
            Assert.Contains("服务期", after);
            Assert.Contains(title, await admin.GetHtmlAsync("/District/Tenders?status=Failed"));
        }
        using (var official = await AppSession.LoginAsync(Factory, "dongshan"))
        {
            var own = await official.GetHtmlAsync($"/Street/Tenders/Details/{id}");
            Assert.Contains("江宁区乐家社会工作服务中心", own);
            Assert.Contains("服务期", own);
        }
        using var other = await AppSession.LoginAsync(Factory, "admin.wuxing");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/District/Tenders/Details/{id}")).StatusCode);
        Assert.DoesNotContain(title, await other.GetHtmlAsync("/District/Tenders"));
        Assert.DoesNotContain(title, await other.GetHtmlAsync("/District/DueWork"));
    }
}

public sealed class DistrictTenderViewTests_Sqlite(SqliteTenderApp app) : DistrictTenderViewTests(app), IClassFixture<SqliteTenderApp>;

public sealed class DistrictTenderViewTests_Postgres(PostgresTenderApp app) : DistrictTenderViewTests(app), IClassFixture<PostgresTenderApp>;
