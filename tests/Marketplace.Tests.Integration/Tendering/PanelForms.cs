using System.Globalization;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Tendering;

/// <summary>
/// The steps the tender page tests share: a tender brought through the street's page to its drawn panel, to
/// its scored panel, or to a failed purchase.
/// </summary>
public static class PanelForms
{
    /// <summary>江宁区乐家社工服务中心, the applicant the scoring below puts first.</summary>
    public const string Lejia = "52320115MJ5K41253H";

    /// <summary>江宁区启明社会工作事务所, 已入库, never an applicant here: the single source a failed purchase switches to.</summary>
    public const string Qiming = "52320115MJ5K631475";

    /// <summary>The 转单一来源 form: 启明 at the price, with the reason.</summary>
    public static Dictionary<string, string> SingleSourceForm(string price, string reason) => new()
    {
        ["SingleSourceUscc"] = Qiming, ["SingleSourcePrice"] = price, ["SingleSourceReason"] = reason,
    };

    public static string Details(Guid id) => $"/Street/Tenders/Details/{id}";

    /// <summary>A notice of 东山街道 with two applicants, closed at its deadline, and its panel of three drawn on the page.</summary>
    public static async Task<Guid> DrawnAsync(TenderApp app, AppSession official, string title, string field)
    {
        var factory = app.Require();
        var id = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), title, field);
        foreach (var (ngo, price) in new[] { ("ngo.lejia", "280000"), ("ngo.renai", "250000") })
        {
            using var session = await AppSession.LoginAsync(factory, ngo);
            await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(session, id, price, "补抽测试方案"));
        }
        var deadline = await ScalarAsync(factory, db => db.Tenders.Where(t => t.Id == id).Select(t => t.Deadline).SingleAsync());
        app.Clock.Advance(deadline - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync(Details(id), [], Details(id) + "?handler=Close"));
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync(Details(id), new() { ["PanelSize"] = "3" }, Details(id) + "?handler=Panel"));
        return id;
    }

    /// <summary>
    /// The sitting panel declares no conflict and scores every applicant on its review page, 乐家 ahead of
    /// the others (plan / team / exp 36 / 18 / 9 against 30 / 15 / 8).
    /// </summary>
    public static async Task ScoreAsync(MarketplaceAppFactory factory, Guid id)
    {
        var grain = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenderGrain>(id);
        var review = $"/Evaluator/Reviews/Review/{id}";
        var applicants = (await grain.GetApplicantsAsync()).Value!;
        foreach (var member in (await grain.GetPanelAsync())!.Sitting)
        {
            using var expert = await AppSession.LoginAsync(factory, member.UserName!);
            await TenderForms.AssertRedirectAsync(await expert.PostFormAsync(review, [], review + "?handler=NoConflict"));
            foreach (var a in applicants)
            {
                var (plan, team, exp) = a.Uscc == Lejia ? (36, 18, 9) : (30, 15, 8);
                var sheet = new Dictionary<string, string>
                {
                    ["Points[plan]"] = plan.ToString(CultureInfo.InvariantCulture), ["Points[team]"] = team.ToString(CultureInfo.InvariantCulture),
                    ["Points[exp]"] = exp.ToString(CultureInfo.InvariantCulture),
                };
                await TenderForms.AssertRedirectAsync(await expert.PostFormAsync(review, sheet, $"{review}?uscc={a.Uscc}&handler=Score"));
            }
        }
    }

    /// <summary>A notice of 东山街道 needing 2 valid applications, with one applicant (乐家), closed at its deadline: failed.</summary>
    public static async Task<Guid> FailedAsync(TenderApp app, AppSession official, string title)
    {
        var factory = app.Require();
        var id = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), title);
        using (var lejia = await AppSession.LoginAsync(factory, "ngo.lejia"))
        {
            await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(lejia, id, "280000", "单一来源测试方案"));
        }
        var deadline = await ScalarAsync(factory, db => db.Tenders.Where(t => t.Id == id).Select(t => t.Deadline).SingleAsync());
        app.Clock.Advance(deadline - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync(Details(id), [], Details(id) + "?handler=Close"));
        Assert.Equal(TenderStatus.Failed, await ScalarAsync(factory, db => db.Tenders.Where(t => t.Id == id).Select(t => t.Status).SingleAsync()));
        return id;
    }

    /// <summary>A new 评审专家 account of the district; returns its user name.</summary>
    public static async Task<string> AddEvaluatorAsync(MarketplaceAppFactory factory, long districtId, string displayName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = "expert." + Guid.NewGuid().ToString("N")[..8], DisplayName = displayName, DistrictId = districtId };
        Assert.True((await users.CreateAsync(user, AppSession.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Evaluator)).Succeeded);
        return user.UserName;
    }

    public static async Task<T> ScalarAsync<T>(MarketplaceAppFactory factory, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
