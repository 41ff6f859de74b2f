using System.Net;
using System.Text.Json.Nodes;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Disclosure;

/// <summary>GET /api/ocds/* on the seeded app: valid against the official schema, complete for a closed contract, stable, sealed before the deadline.</summary>
public abstract class OcdsExportTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Excellent = "秣陵街道社区睦邻互助点运营服务"; // seeded: closed, 优秀, every tranche paid

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static JsonArray Releases(string json) => JsonNode.Parse(json)!["releases"]!.AsArray();

    private static IEnumerable<JsonNode> Of(JsonArray releases, string ocid) => releases.Where(r => (string)r!["ocid"]! == ocid)!;

    [SkippableFact]
    public async Task The_seeded_data_validates_against_the_official_schema_with_zero_errors()
    {
        using var anonymous = new AppSession(Factory);
        var response = await anonymous.GetAsync("/api/ocds/release-package");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var json = await response.Content.ReadAsStringAsync();
        Assert.NotEmpty(Releases(json));
        Assert.Empty(await OcdsSchema.ReleasePackageErrorsAsync(json));
        // The validator does reject what the standard forbids: a tag outside the closed codelist.
        var broken = JsonNode.Parse(json)!;
        broken["releases"]![0]!["tag"] = new JsonArray("bogus");
        Assert.NotEmpty(await OcdsSchema.ReleasePackageErrorsAsync(broken.ToJsonString()));

        var ocid = (string)Releases(json)[0]!["ocid"]!;
        var record = await anonymous.Http.GetStringAsync("/api/ocds/record-package?ocid=" + ocid);
        Assert.Empty(await OcdsSchema.RecordPackageErrorsAsync(record));
        Assert.Equal(ocid, (string)JsonNode.Parse(record)!["records"]![0]!["compiledRelease"]!["ocid"]!);
    }

    [SkippableFact]
    public async Task A_finished_contract_has_tender_award_contract_and_a_transaction_for_every_paid_tranche()
    {
        var (id, year, district) = await QueryAsync(db => db.Contracts.Where(c => c.Title == Excellent).Select(c => new { c.Id, c.Year, c.DistrictId }).SingleAsync()) is var c
            ? (c.Id, c.Year, c.DistrictId) : default;
        using var anonymous = new AppSession(Factory);
        var releases = Of(Releases(await anonymous.Http.GetStringAsync($"/api/ocds/release-package?year={year}&district={district}")), "ocds-jdgm01-" + id.ToString("N")).ToList();
        var tags = releases.SelectMany(r => r["tag"]!.AsArray().Select(t => (string)t!)).ToHashSet();
        Assert.Superset(new HashSet<string> { "planning", "tender", "award", "contract", "implementation" }, tags);
        Assert.Equal(releases.Count, releases.Select(r => (string)r["id"]!).Distinct().Count());

        var last = releases.Last(r => r["tag"]![0]!.GetValue<string>() == "implementation")["contracts"]![0]!;
        Assert.Equal("terminated", (string)last["status"]!);
        var transactions = last["implementation"]!["transactions"]!.AsArray();
        Assert.Equal(3, transactions.Count);
        Assert.Equal(150_000m, transactions.Sum(t => (decimal)t!["value"]!["amount"]!));
        Assert.All(transactions, t => Assert.Equal("CNY", (string)t!["value"]!["currency"]!));
        var milestones = last["implementation"]!["milestones"]!.AsArray();
        Assert.All(milestones, m => Assert.Equal(("payment", "met"), ((string)m!["type"]!, (string)m["status"]!)));
        Assert.Contains(milestones, m => ((string)m!["description"]!).StartsWith("评估等级：优秀", StringComparison.Ordinal));
        var award = releases.Single(r => r["awards"] is not null)["awards"]![0]!;
        Assert.Equal((150_000m, "CNY"), ((decimal)award["value"]!["amount"]!, (string)award["value"]!["currency"]!));
        var parties = releases[^1]["parties"]!.AsArray();
        Assert.Contains(parties, p => p!["roles"]!.AsArray().Select(r => (string)r!).ToHashSet().IsSupersetOf(["buyer", "procuringEntity", "funder"]));
        Assert.Contains(parties, p => p!["roles"]!.AsArray().Any(r => (string)r! == "supplier") && (string)p["identifier"]!["scheme"]! == "CN-USCC");
        // Dates are the real moments: signing before the first payment, nothing at a placeholder.
        Assert.DoesNotContain(releases, r => ((string)r["date"]!).StartsWith("0001", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_seeded_finished_round_has_its_awards_and_signed_contracts_and_its_record_validates()
    {
        var district = await QueryAsync(db => db.Streets.Where(s => s.Name == "月河街道").Select(s => s.DistrictId).SingleAsync());
        var round = (await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<Marketplace.Rounds.IVentureRoundListGrain>(district).ListAsync())
            .Single(r => r.Organizer.StreetId is not null && r.Status == Marketplace.Rounds.RoundStatus.Contracts);
        var ocid = "ocds-jdgm01-" + round.Id.ToString("N");
        using var anonymous = new AppSession(Factory);
        var record = await anonymous.Http.GetStringAsync("/api/ocds/record-package?ocid=" + ocid);
        Assert.Empty(await OcdsSchema.RecordPackageErrorsAsync(record));
        var compiled = JsonNode.Parse(record)!["records"]![0]!["compiledRelease"]!;
        Assert.Equal([45_000m, 48_000m], compiled["awards"]!.AsArray().Select(a => (decimal)a!["value"]!["amount"]!).Order());
        Assert.Equal([45_000m, 48_000m], compiled["contracts"]!.AsArray().Select(c => (decimal)c!["value"]!["amount"]!).Order());
        var releases = Of(Releases(await anonymous.Http.GetStringAsync($"/api/ocds/release-package?year={round.Year}&district={district}")), ocid).ToList();
        Assert.Superset(new HashSet<string> { "tender", "award", "contract" }, releases.SelectMany(r => r["tag"]!.AsArray().Select(t => (string)t!)).ToHashSet());
    }

    [SkippableFact]
    public async Task A_notice_shows_its_criteria_with_weights_and_no_bid_data_before_the_deadline()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), "公开目录测试 社区助餐服务");
        using (var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia"))
        {
            await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(lejia, id, "280000", "不应公开的助餐服务方案"));
        }
        using var anonymous = new AppSession(Factory);
        var json = await anonymous.Http.GetStringAsync("/api/ocds/release-package");
        var releases = Of(Releases(json), "ocds-jdgm01-" + id.ToString("N")).ToList();
        var tender = Assert.Single(releases)["tender"]!;
        Assert.Equal(("active", "open", "ratedCriteria"), ((string)tender["status"]!, (string)tender["procurementMethod"]!, (string)tender["awardCriteria"]!));
        Assert.Contains("40分", (string)tender["awardCriteriaDetails"]!);
        Assert.Equal(300_000m, (decimal)releases[0]["planning"]!["budget"]!["budgetBreakdown"]![0]!["amount"]!["amount"]!);
        Assert.Null(releases[0]["bids"]);
        Assert.Null(tender["tenderers"]);
        Assert.Null(tender["numberOfTenderers"]);
        Assert.DoesNotContain("ngo.lejia", json);
        Assert.DoesNotContain("不应公开的助餐服务方案", json);
        Assert.DoesNotContain(releases[0]["parties"]!.AsArray(), p => p!["roles"]!.AsArray().Any(r => (string)r! == "tenderer"));
        Assert.Empty(await OcdsSchema.ReleasePackageErrorsAsync(json));
    }

    [SkippableFact]
    public async Task Two_exports_of_the_same_data_are_byte_identical_and_the_year_downloads_as_a_file()
    {
        var year = await QueryAsync(db => db.Contracts.Select(c => c.Year).MaxAsync());
        using var anonymous = new AppSession(Factory);
        var first = await anonymous.Http.GetByteArrayAsync($"/api/ocds/release-package?year={year}");
        var second = await anonymous.Http.GetByteArrayAsync($"/api/ocds/release-package?year={year}");
        Assert.Equal(first, second);
        var file = await anonymous.GetAsync($"/api/ocds/{year}.json");
        Assert.Equal($"ocds-{year}.json", file.Content.Headers.ContentDisposition!.FileNameStar ?? file.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(Releases(System.Text.Encoding.UTF8.GetString(first)).Count, Releases(await file.Content.ReadAsStringAsync()).Count);
    }

    [SkippableFact]
    public async Task A_record_package_of_an_unknown_ocid_is_404_problem_json()
    {
        using var anonymous = new AppSession(Factory);
        foreach (var ocid in new[] { "ocds-jdgm01-" + Guid.NewGuid().ToString("N"), "not-an-ocid" })
        {
            var response = await anonymous.GetAsync("/api/ocds/record-package?ocid=" + ocid);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }
}

public sealed class OcdsExportTests_Sqlite(SqliteTenderApp app) : OcdsExportTests(app), IClassFixture<SqliteTenderApp>;

public sealed class OcdsExportTests_Postgres(PostgresTenderApp app) : OcdsExportTests(app), IClassFixture<PostgresTenderApp>;
