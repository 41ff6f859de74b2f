using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Tendering;

/// <summary>The steps the panel's page tests share: a tender brought to its drawn panel through the street's page.</summary>
public static class PanelForms
{
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

    public static async Task<T> ScalarAsync<T>(MarketplaceAppFactory factory, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
