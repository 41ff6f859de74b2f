using System.Net;
using System.Text.Json.Nodes;
using System.Collections.Immutable;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Contracts;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Disclosure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Disclosure;

/// <summary>The seeded app with its own OCDS prefix configured (Ocds:Prefix), as a deployment sets the one OCP registered for it.</summary>
public abstract class OcdsApp(DatabaseTarget target) : TenderApp(target)
{
    public const string Prefix = "ocds-k7m2q9-";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Ocds:Prefix"] = Prefix };
}

public sealed class SqliteOcdsApp() : OcdsApp(DatabaseTarget.Sqlite);

public sealed class PostgresOcdsApp() : OcdsApp(DatabaseTarget.Postgres);

/// <summary>GET /api/ocds/* on the seeded app: valid against the official schema, complete for a closed contract, stable, sealed before the deadline.</summary>
public abstract class OcdsExportTests(OcdsApp app)
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
        var releases = Of(Releases(await anonymous.Http.GetStringAsync($"/api/ocds/release-package?year={year}&district={district}")), OcdsApp.Prefix + id.ToString("N")).ToList();
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
        Assert.Contains(parties, p => p!["roles"]!.AsArray().Any(r => (string)r! == "supplier") && (string)p["identifier"]!["scheme"]! == "CN-USCI");
        // Dates are the real moments: signing before the first payment, nothing at a placeholder.
        Assert.DoesNotContain(releases, r => ((string)r["date"]!).StartsWith("0001", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_seeded_finished_round_has_its_awards_and_signed_contracts_and_its_record_validates()
    {
        var district = await QueryAsync(db => db.Streets.Where(s => s.Name == "月河街道").Select(s => s.DistrictId).SingleAsync());
        var round = (await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<Marketplace.Rounds.IVentureRoundListGrain>(district).ListAsync())
            .Single(r => r.Organizer.StreetId is not null && r.Status == Marketplace.Rounds.RoundStatus.Contracts);
        var ocid = OcdsApp.Prefix + round.Id.ToString("N");
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
        var releases = Of(Releases(json), OcdsApp.Prefix + id.ToString("N")).ToList();
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
    public async Task Every_ocid_starts_with_the_configured_prefix_and_the_default_one_is_unknown()
    {
        using var anonymous = new AppSession(Factory);
        var ocids = Releases(await anonymous.Http.GetStringAsync("/api/ocds/release-package")).Select(r => (string)r!["ocid"]!).Distinct().ToList();
        Assert.NotEmpty(ocids);
        Assert.All(ocids, o => Assert.Matches("^" + OcdsApp.Prefix + "[0-9a-f]{32}$", o));
        Assert.NotEqual(OcdsApi.DefaultPrefix, OcdsApp.Prefix);
        // The record package answers to the configured prefix only.
        var key = ocids[0][OcdsApp.Prefix.Length..];
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/ocds/record-package?ocid=" + OcdsApp.Prefix + key)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/ocds/record-package?ocid=" + OcdsApi.DefaultPrefix + key)).StatusCode);
    }

    [SkippableFact]
    public async Task A_panel_scored_award_shows_its_bid_statistics_and_each_bid_after_the_deadline()
    {
        const string Lejia = "52320115MJ5K41253H", Renai = "52320115MJ5K526814";
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var id = await TenderForms.PublishAsync(official, app.Clock.GetUtcNow(), "投标统计测试 居家养老上门服务");
        // 启明's price is abnormally low (more than 20% below the mean); the panel rejects it: a disqualified bid.
        foreach (var (ngo, price) in new[] { ("ngo.lejia", "280000"), ("ngo.renai", "250000"), ("ngo.qiming", "150000") })
        {
            using var session = await AppSession.LoginAsync(Factory, ngo);
            await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(session, id, price, "每周一次上门探访"));
        }
        var ocid = OcdsApp.Prefix + id.ToString("N");
        using var anonymous = new AppSession(Factory);
        var grains = Factory.Services.GetRequiredService<IGrainFactory>();
        var grain = grains.GetGrain<ITenderGrain>(id);
        var deadline = (await grain.GetInfoAsync())!.Notice.Deadline;
        app.Clock.Advance(deadline - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync($"/Street/Tenders/Details/{id}", [], $"/Street/Tenders/Details/{id}?handler=Close"));
        // Closed, under review: still no bid data (results are public only with the award).
        Assert.DoesNotContain(Of(Releases(await anonymous.Http.GetStringAsync("/api/ocds/release-package")), ocid), r => r["bids"] is not null);

        // Only experts who can sign in sit on this panel (they declare and score as themselves).
        var district = await QueryAsync(db => db.Districts.Where(d => d.Name == "江宁区").Select(d => d.Id).SingleAsync());
        var pool = grains.GetGrain<IExpertPoolGrain>(district);
        foreach (var e in (await pool.GetExpertsAsync()).Where(e => e.UserName is null && e.Active))
        {
            await pool.SetActiveAsync(e.Id, false);
        }
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync($"/Street/Tenders/Details/{id}", new() { ["PanelSize"] = "3" }, $"/Street/Tenders/Details/{id}?handler=Panel"));
        var experts = (await grain.GetPanelAsync())!.Sitting.Select(m => m.UserName!).ToList();
        var codes = (await grain.GetInfoAsync())!.Notice.Criteria.NonPrice().Select(c => c.Code).ToList();
        static void Ok(Marketplace.Domain.Outcome o) => Assert.True(o.Succeeded, o.Errors.IsDefaultOrEmpty ? "" : o.Errors[0].Message);
        foreach (var expert in experts)
        {
            Ok(await grain.DeclareAsync(expert, false, null));
        }
        Ok(await grain.DecideLowPriceAsync(experts[0], ContractFlow.Qiming, false, "书面说明未能证明以该价格可保质完成服务"));
        foreach (var expert in experts)
        {
            // 90% and 80% of every criterion's points: 乐家 ranks first.
            foreach (var (uscc, share) in new[] { (Lejia, 0.9m), (Renai, 0.8m) })
            {
                var criteria = (await grain.GetInfoAsync())!.Notice.Criteria;
                Ok(await grain.ScoreAsync(expert, uscc, codes.ToImmutableDictionary(c => c, c => new CriterionScore(criteria.Single(x => x.Code == c).Weight * share, null))));
            }
        }
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync($"/Street/Tenders/Details/{id}", new() { ["Winner"] = Lejia }, $"/Street/Tenders/Details/{id}?handler=Award"));

        var json = await anonymous.Http.GetStringAsync("/api/ocds/release-package");
        Assert.Empty(await OcdsSchema.ReleasePackageErrorsAsync(json));
        var award = Of(Releases(json), ocid).Single(r => r["awards"] is not null);
        var statistics = award["bids"]!["statistics"]!.AsArray().ToDictionary(x => (string)x!["measure"]!, x => (int)x!["value"]!);
        Assert.Equal(new Dictionary<string, int> { ["bids"] = 3, ["validBids"] = 2 }, statistics);
        Assert.All(award["bids"]!["statistics"]!.AsArray(), x => Assert.Equal(OcdsJson.Date(deadline), (string)x!["date"]!));
        var details = award["bids"]!["details"]!.AsArray()
            .Select(b => ((string)b!["tenderers"]![0]!["id"]!, (string)b["status"]!, (decimal)b["value"]!["amount"]!, (string)b["value"]!["currency"]!)).ToList();
        Assert.Equal([("CN-USCI-" + Lejia, "valid", 280_000m, "CNY"), ("CN-USCI-" + Renai, "valid", 250_000m, "CNY"),
            ("CN-USCI-" + ContractFlow.Qiming, "disqualified", 150_000m, "CNY")], details);
        Assert.Equal(3, (int)award["tender"]!["numberOfTenderers"]!);
        Assert.Equal(["bid-" + Lejia], award["awards"]![0]!["relatedBids"]!.AsArray().Select(b => (string)b!));
        var tenderers = award["parties"]!.AsArray().Where(p => p!["roles"]!.AsArray().Any(r => (string)r! == "tenderer")).ToList();
        Assert.Equal(3, tenderers.Count);
        Assert.All(tenderers, p => Assert.Equal("CN-USCI", (string)p!["identifier"]!["scheme"]!));
        Assert.DoesNotContain("每周一次上门探访", json);
        Assert.Empty(await OcdsSchema.RecordPackageErrorsAsync(await anonymous.Http.GetStringAsync("/api/ocds/record-package?ocid=" + ocid)));
    }

    [SkippableFact]
    public async Task A_single_source_award_shows_its_one_bid()
    {
        var (id, _) = await PublicityFlow.InPublicityAsync(Factory, app.Clock, "单一来源投标统计测试 居家养老上门服务", "不应公开的单一来源前方案");
        using var anonymous = new AppSession(Factory);
        var json = await anonymous.Http.GetStringAsync("/api/ocds/release-package");
        Assert.Empty(await OcdsSchema.ReleasePackageErrorsAsync(json));
        var award = Of(Releases(json), OcdsApp.Prefix + id.ToString("N")).Single(r => r["awards"] is not null);
        Assert.Equal("direct", (string)Of(Releases(json), OcdsApp.Prefix + id.ToString("N")).First()["tender"]!["procurementMethod"]!);
        var statistics = award["bids"]!["statistics"]!.AsArray().ToDictionary(x => (string)x!["measure"]!, x => (int)x!["value"]!);
        Assert.Equal(new Dictionary<string, int> { ["bids"] = 1, ["validBids"] = 1 }, statistics);
        var bid = Assert.Single(award["bids"]!["details"]!.AsArray())!;
        Assert.Equal(("CN-USCI-" + ContractFlow.Qiming, "valid", 260_000m), ((string)bid["tenderers"]![0]!["id"]!, (string)bid["status"]!, (decimal)bid["value"]!["amount"]!));
        Assert.Equal(1, (int)award["tender"]!["numberOfTenderers"]!);
        // The failed open round's application is not a bid of the single-source decision, and stays sealed.
        Assert.DoesNotContain("CN-USCI-52320115MJ5K41253H", award.ToJsonString());
        Assert.DoesNotContain("不应公开的单一来源前方案", json);
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
        foreach (var ocid in new[] { OcdsApp.Prefix + Guid.NewGuid().ToString("N"), "not-an-ocid" })
        {
            var response = await anonymous.GetAsync("/api/ocds/record-package?ocid=" + ocid);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }
}

public sealed class OcdsExportTests_Sqlite(SqliteOcdsApp app) : OcdsExportTests(app), IClassFixture<SqliteOcdsApp>;

public sealed class OcdsExportTests_Postgres(PostgresOcdsApp app) : OcdsExportTests(app), IClassFixture<PostgresOcdsApp>;
