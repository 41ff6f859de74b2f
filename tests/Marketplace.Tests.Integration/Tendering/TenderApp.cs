using System.Globalization;
using System.Net;
using Marketplace.Catalog;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Marketplace.Domain;

namespace Marketplace.Tests.Integration.Tendering;

/// <summary>Server time a test can move forward, to stand one second after a deadline without waiting.</summary>
public sealed class MovableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary>The real app on a real database, with a server clock the tests can move.</summary>
public abstract class TenderApp(DatabaseTarget target) : AppFixture(target)
{
    public MovableClock Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public sealed class SqliteTenderApp() : TenderApp(DatabaseTarget.Sqlite);

public sealed class PostgresTenderApp() : TenderApp(DatabaseTarget.Postgres);

/// <summary>Filling in the tender forms as officials, organizations and experts do.</summary>
internal static class TenderForms
{
    private static string Local(DateTimeOffset t) => t.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Service starts today (China time), so it draws on this year's seeded budget.</summary>
    public static DateOnly ServiceStart(DateTimeOffset now) => ChinaTime.Day(now);

    public static Dictionary<string, string> Notice(DateTimeOffset now, string title, string planWeight = "40", string expertField = "养老服务") => new()
    {
        ["Input.Title"] = title, ["Input.Method"] = "ContractOutsourcing", ["Input.Ceiling"] = "300000",
        // All from 财政资金 of this year's confirmed budget: a notice is published only with the money behind it.
        ["Input.Funding[0]"] = "300000",
        ["Input.ServiceStart"] = ServiceStart(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Input.ServiceEnd"] = ServiceStart(now).AddYears(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Input.OpensAt"] = Local(now.AddMinutes(-5)), ["Input.Deadline"] = Local(now.AddHours(2)),
        ["Input.Requirements"] = "为辖区高龄独居老人提供每周一次上门探访", ["Input.RequiredDocuments"] = "服务方案、持证社工名单",
        ["Input.MinimumSocialWorkers"] = "2", ["Input.MinimumValidApplications"] = "2", ["Input.ExpertField"] = expertField,
        // The form's default rows (服务方案 / 服务团队 / 服务经验) with their codes, and the price weight.
        ["Input.Criteria[0].Code"] = "plan", ["Input.Criteria[0].Name"] = "服务方案", ["Input.Criteria[0].Weight"] = planWeight,
        ["Input.Criteria[1].Code"] = "team", ["Input.Criteria[1].Name"] = "服务团队", ["Input.Criteria[1].Weight"] = "20",
        ["Input.Criteria[2].Code"] = "exp", ["Input.Criteria[2].Name"] = "服务经验", ["Input.Criteria[2].Weight"] = "10",
        ["Input.PriceWeight"] = "30",
    };

    public static async Task<Guid> PublishedItemAsync(MarketplaceAppFactory factory, string street)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await PublishedItemAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), street);
    }

    /// <summary>
    /// A published transfer item of the street that the demo organizations may take on (社会服务机构 and 社工机构 among
    /// its provider types: 乐家 and 仁爱 are 社工机构), read from any context (a test host's or a process's database).
    /// Chosen the same way every run: the first such item by title. The database's own order is not stable (an item
    /// open only to 社会团体、社会服务机构、基金会 came first now and then, and the demo organizations' applications were refused).
    /// </summary>
    public static async Task<Guid> PublishedItemAsync(AppDbContext db, string street)
    {
        var items = await db.TransferItems
            .Where(i => i.Status == TransferItemStatus.Published && db.Streets.Any(s => s.Id == i.StreetId && s.Name == street))
            .Select(i => new { i.Id, i.Title, i.ProviderTypes }).ToListAsync();
        return items.Where(i => i.ProviderTypes.Split(',').ToHashSet().IsSupersetOf([nameof(ProviderType.SocialServiceAgency), nameof(ProviderType.SocialWorkAgency)]))
            .OrderBy(i => i.Title, StringComparer.Ordinal).First().Id;
    }

    /// <summary>Creates and publishes a notice as 东山街道; returns its id.</summary>
    public static async Task<Guid> PublishAsync(AppSession official, DateTimeOffset now, string title, string expertField = "养老服务")
    {
        var id = await CreateDraftAsync(official, await PublishedItemAsync(official.Factory, "东山街道"), Notice(now, title, expertField: expertField));
        await AssertRedirectAsync(await PublishDraftAsync(official, id));
        return id;
    }

    /// <summary>Creates a draft notice from the item (the create form must succeed); returns its id.</summary>
    public static async Task<Guid> CreateDraftAsync(AppSession official, Guid item, Dictionary<string, string> form)
    {
        var created = await official.PostFormAsync($"/Street/Tenders/Create/{item}", form);
        await AssertRedirectAsync(created);
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    /// <summary>发布 of a draft; the answer as the official's browser gets it (a redirect when acknowledged).</summary>
    public static Task<HttpResponseMessage> PublishDraftAsync(AppSession official, Guid id) =>
        official.PostFormAsync($"/Street/Tenders/Details/{id}", [], $"/Street/Tenders/Details/{id}?handler=Publish");

    /// <summary>A form post that succeeded redirects; otherwise the page's messages say why.</summary>
    public static async Task AssertRedirectAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var body = await response.Content.ReadAsStringAsync();
            // The summary's messages sit in its list items, a field's in its span: the text inside, tags removed.
            var errors = System.Text.RegularExpressions.Regex.Matches(body, "(?:text-danger|alert-danger)[^>]*>(.*?)</(?:div|span|p)>",
                    System.Text.RegularExpressions.RegexOptions.Singleline)
                .Select(m => System.Text.RegularExpressions.Regex.Replace(m.Groups[1].Value, "<[^>]+>", " ").Trim())
                .Where(text => text.Length > 0);
            Assert.Fail($"{(int)response.StatusCode}: {string.Join(" | ", errors)}");
        }
    }

    public static Task<HttpResponseMessage> ApplyAsync(AppSession ngo, Guid id, string price, string plan) =>
        ngo.PostFormAsync($"/Ngo/Tenders/Apply/{id}", ApplyFields(price, plan), $"/Ngo/Tenders/Apply/{id}?handler=Submit");

    /// <summary>The apply form as an organization fills it in (the notice's two documents, a fresh submit key).</summary>
    public static List<KeyValuePair<string, string>> ApplyFields(string price, string plan) =>
    [
        new("Price", price), new("SocialWorkers", "3"), new("ServicePlan", plan), new("Team", "项目主管1名、持证社工3名"),
        new("Experience", "连续三年承接居家养老项目"), new("Documents", "服务方案"), new("Documents", "持证社工名单"),
        new("SubmitKey", Guid.NewGuid().ToString("N")),
    ];
}
