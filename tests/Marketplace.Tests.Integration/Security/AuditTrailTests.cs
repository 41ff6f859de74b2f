using System.Globalization;
using System.Net;
using Marketplace.Domain;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Budgets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Security;

/// <summary>
/// Issue 16 item 5: a change made through a grain or a page leaves who (user, role), when, what (before →
/// after) and from where, in the district's own 操作记录; another district never sees it; entries cannot be
/// changed afterwards.
/// </summary>
public abstract class AuditTrailTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    [SkippableFact]
    public async Task Publishing_a_notice_records_the_official_the_status_change_and_the_encumbrance_for_the_district_only()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        official.Http.DefaultRequestHeaders.Add(ClientAddressFilter.Header, "203.0.113.7");
        var id = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), "操作记录测试 社区助餐服务");

        var entries = await QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.UserName == "dongshan").ToListAsync());
        var publish = Assert.Single(entries, e => e.Action == "ITenderGrain.PublishAsync" && e.Subject.Contains(id.ToString("N")));
        Assert.Equal(("StreetOfficial", "Draft", "Published"), (publish.Role, publish.Before, publish.After));
        Assert.Equal("203.0.113.7", publish.ClientAddress);
        var jiangning = await QueryAsync(db => db.Districts.Where(d => d.Name == "江宁区").Select(d => d.Id).SingleAsync());
        Assert.Equal(jiangning, publish.DistrictId);
        // The money the notice holds is the budget grain's write, recorded in its own transaction with the same actor.
        Assert.Contains(entries, e => e.Action == "IStreetBudgetGrain.EncumberAsync" && e.DistrictId == jiangning);
        Console.WriteLine($"audit entries written by one publish: {entries.Count(e => e.At >= publish.At.AddSeconds(-5))}");

        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var page = await admin.GetHtmlAsync("/District/Audit?Who=dongshan&Kind=tender");
        var row = page.Split(publish.Subject)[0].Split("<tr>")[^1];
        Assert.Contains("<td data-action>发布</td>", row);
        Assert.Contains("街道干部", row);
        var change = page.Split(publish.Subject)[1].Split("</tr>")[0];
        Assert.Contains("data-before>草稿<", change);

        using var other = await AppSession.LoginAsync(Factory, "admin.wuxing");
        Assert.DoesNotContain(publish.Subject, await other.GetHtmlAsync("/District/Audit"));
        var export = await other.GetAsync("/District/Audit?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.DoesNotContain(publish.Subject, XlsxText(await export.Content.ReadAsByteArrayAsync()));
    }

    [SkippableFact]
    public async Task The_street_page_shows_the_streets_own_entries_and_never_another_streets()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), "街道操作记录测试 老年助浴服务");
        var subject = await QueryAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == "ITenderGrain.PublishAsync" && e.Subject.Contains(id.ToString("N"))).Select(e => e.Subject).SingleAsync());

        var own = await official.GetHtmlAsync("/Street/Audit?Who=dongshan&Kind=tender");
        Assert.Contains(subject, own);
        Assert.Contains("<td data-action>发布</td>", own.Split(subject)[0].Split("<tr>")[^1]);
        Assert.Contains(subject, XlsxText(await (await official.GetAsync("/Street/Audit?handler=Export")).Content.ReadAsByteArrayAsync()));

        // 秣陵街道 is in the same district: the district page shows the entry, the other street's page does not.
        using var neighbour = await AppSession.LoginAsync(Factory, "moling");
        Assert.DoesNotContain(subject, await neighbour.GetHtmlAsync("/Street/Audit"));
        var export = await neighbour.GetAsync("/Street/Audit?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.DoesNotContain(subject, XlsxText(await export.Content.ReadAsByteArrayAsync()));
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        Assert.Contains(subject, await admin.GetHtmlAsync("/District/Audit?Kind=tender"));
    }

    [SkippableFact]
    public async Task Changing_the_floor_on_the_policy_page_records_before_and_after_in_the_same_save()
    {
        var jiangning = await QueryAsync(db => db.Districts.Where(d => d.Name == "江宁区").Select(d => d.Id).SingleAsync());
        var policy = await QueryAsync(db => BudgetPolicySource.ForDistrictAsync(db, jiangning, CancellationToken.None));
        var newFloor = policy.Floor + Money.FromYuan(12345m);
        var form = new Dictionary<string, string> { ["Input.Floor"] = MoneyFormat.Number(newFloor) };
        for (var i = 0; i < policy.Sources.Length; i++)
        {
            form[$"Input.Sources[{i}].Source"] = policy.Sources[i].Source.ToString();
            form[$"Input.Sources[{i}].Enabled"] = policy.Sources[i].Enabled ? "true" : "false";
            form[$"Input.Sources[{i}].PublicWelfareOnly"] = policy.Sources[i].PublicWelfareOnly ? "true" : "false";
        }
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        await TenderForms.AssertRedirectAsync(await admin.PostFormAsync("/District/Budgets/Policy", form));

        var entry = await QueryAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == "DistrictBudgetPolicies.Modified" || e.Action == "DistrictBudgetPolicies.Added")
            .OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal(("admin.jiangning", "DistrictAdmin", (long?)jiangning), (entry.UserName, entry.Role, entry.DistrictId));
        Assert.Contains($"Floor={newFloor}", entry.After);
        if (entry.Action.EndsWith("Modified"))
        {
            Assert.Equal($"Floor={policy.Floor}", entry.Before);
        }
        Assert.Contains($"最低标准={newFloor}", await admin.GetHtmlAsync("/District/Audit?Kind=DistrictBudgetPolicies"));
    }

    [SkippableFact]
    public async Task An_entry_cannot_be_changed_or_deleted()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entry = new AuditEntry
        {
            At = DateTimeOffset.UtcNow, UserName = "dongshan", Role = "StreetOfficial", Action = "ITenderGrain.CancelAsync", Subject = "tender/x",
        };
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync();
        entry.After = "Cancelled";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(db.AuditEntries.Single(e => e.Id == entry.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    private static string XlsxText(byte[] xlsx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
        return string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml")).Select(e => new StreamReader(e.Open()).ReadToEnd()));
    }
}

/// <summary>The tender host with client addresses set per request (the in-memory server has none).</summary>
public abstract class AuditApp(DatabaseTarget target) : TenderApp(target)
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        ClientAddressFilter.AddTo(services);
    }
}

public sealed class SqliteAuditApp() : AuditApp(DatabaseTarget.Sqlite);

public sealed class PostgresAuditApp() : AuditApp(DatabaseTarget.Postgres);

public sealed class AuditTrailTests_Sqlite(SqliteAuditApp app) : AuditTrailTests(app), IClassFixture<SqliteAuditApp>;

public sealed class AuditTrailTests_Postgres(PostgresAuditApp app) : AuditTrailTests(app), IClassFixture<PostgresAuditApp>;
