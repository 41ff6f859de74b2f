using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Tendering;

/// <summary>我的申请: an organization lists its own applications with status, deadline, price and result; no other organization's.</summary>
public abstract class MyApplicationsTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    [SkippableFact]
    public async Task An_organization_sees_its_own_applications_and_their_result_and_no_one_elses()
    {
        var title = "我的申请 " + Guid.NewGuid().ToString("N")[..6];
        Guid id;
        using (var official = await AppSession.LoginAsync(Factory, "dongshan"))
        {
            id = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), title);
        }
        using (var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia"))
        {
            await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(lejia, id, "265432.10", "我的申请方案"));
            var mine = await lejia.GetHtmlAsync("/Ngo/Tenders");
            Assert.Contains(title, mine);
            Assert.Contains("265,432.10", mine);
            Assert.Contains("待评审", mine);
        }
        using (var renai = await AppSession.LoginAsync(Factory, "ngo.renai"))
        {
            var theirs = await renai.GetHtmlAsync("/Ngo/Tenders");
            Assert.DoesNotContain(title, theirs);
            Assert.DoesNotContain("265,432.10", theirs);
        }

        var grain = Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenderGrain>(id);
        app.Clock.Advance((await grain.GetInfoAsync())!.Notice.Deadline - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await grain.CloseAsync(); // one application where two are required: the purchase fails
        using var again = await AppSession.LoginAsync(Factory, "ngo.lejia");
        var after = await again.GetHtmlAsync("/Ngo/Tenders");
        Assert.Contains(title, after);
        Assert.Contains("采购未成交", after);
    }
}

public sealed class MyApplicationsTests_Sqlite(SqliteTenderApp app) : MyApplicationsTests(app), IClassFixture<SqliteTenderApp>;

public sealed class MyApplicationsTests_Postgres(PostgresTenderApp app) : MyApplicationsTests(app), IClassFixture<PostgresTenderApp>;
