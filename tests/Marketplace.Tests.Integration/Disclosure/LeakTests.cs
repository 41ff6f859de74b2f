using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Marketplace.Domain;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Disclosure;

/// <summary>
/// Every public page and JSON, enumerated from the data: none shows a proposal, an attachment link, a phone,
/// an ID or bank account number, or a progress report of the seeded data (SPEC: nothing sealed or personal leaks).
/// </summary>
public abstract class LeakTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Plan = "泄露检查专用服务方案：入户评估后制定个案计划";

    /// <summary>The seed's private values: phones, ID and account numbers, and the reports' texts.</summary>
    private static List<string> SeedSecrets()
    {
        var secrets = new List<string>();
        void Walk(JsonNode? node, string? key)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (k, v) in o) { Walk(v, k); }
                    break;
                case JsonArray a:
                    foreach (var v in a) { Walk(v, key); }
                    break;
                case JsonValue v when key is not null && v.TryGetValue<string>(out var s) && s.Length >= 6
                    && Regex.IsMatch(key, "phone|mobile|idNumber|idCard|accountNumber|summary", RegexOptions.IgnoreCase):
                    secrets.Add(s);
                    break;
            }
        }
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seed"), "*.json"))
        {
            Walk(JsonNode.Parse(File.ReadAllText(file)), null);
        }
        return secrets;
    }

    [SkippableFact]
    public async Task No_public_page_or_json_shows_a_proposal_an_attachment_a_phone_or_an_id_number()
    {
        // A purchase with a sealed application, then decided single-source and in 公示: its page and the exports are public.
        var (tender, _) = await PublicityFlow.InPublicityAsync(Factory, app.Clock, "泄露检查 居家养老上门服务", Plan);

        var secrets = SeedSecrets();
        Assert.Contains(secrets, s => s.StartsWith("025-", StringComparison.Ordinal)); // the seed's phones are read
        secrets.AddRange([Plan, "项目主管1名、持证社工3名", "连续三年承接居家养老项目"]);

        using var anonymous = new AppSession(Factory);
        var urls = await PublicUrlsAsync(anonymous, tender);
        Assert.True(urls.Count > 30, $"{urls.Count} public addresses");
        var leaks = new List<string>();
        foreach (var url in urls)
        {
            var response = await anonymous.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            leaks.AddRange(secrets.Where(s => body.Contains(s, StringComparison.Ordinal)).Select(s => $"{url}: {s}"));
            // Stored documents, application attachments and progress reports' attachments are never linked from a public page.
            foreach (var link in new[] { "/organizations/documents/", "/tender-attachments/", "/contract-attachments/" }.Where(l => body.Contains(l, StringComparison.Ordinal)))
            {
                leaks.Add($"{url}: attachment link {link}");
            }
        }
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    private async Task<List<string>> PublicUrlsAsync(AppSession anonymous, Guid tender)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var streets = await db.Streets.Select(s => s.Id).ToListAsync();
        var districts = await db.Districts.Select(d => d.Id).ToListAsync();
        var items = await db.TransferItems.Where(i => i.Status == Marketplace.Catalog.TransferItemStatus.Published).Select(i => i.Id).Take(5).ToListAsync();
        // The public directory shows admitted organizations (others answer 404).
        var organizations = await db.Organizations.Where(o => o.Status == Marketplace.Organizations.DirectoryStatus.Admitted).Select(o => o.Uscc).ToListAsync();
        var year = ChinaTime.Year(app.Clock.GetUtcNow());
        var urls = new List<string>
        {
            "/", "/Search?q=秣陵", "/Search?q=江宁", "/Search?q=服务", "/Catalog", "/Budgets", "/Organizations", "/Contracts", "/Rounds", "/Tenders",
            $"/Tenders/Details/{tender}",
            "/api/public/catalog", "/api/public/budgets", "/api/public/tenders", "/api/public/contracts", "/api/public/rounds", "/api/public/organizations",
            "/api/ocds/release-package", $"/api/ocds/{year}.json",
        };
        urls.AddRange(streets.Select(s => $"/Streets/{s}"));
        // 菜单式服务 of every street (services and organizations only, never a resident).
        urls.AddRange(streets.Select(s => $"/Matters/Menu?street={s}"));
        urls.AddRange(["/Matters/Menu", "/Matters", .. streets.Select(s => $"/Matters?street={s}")]);
        urls.AddRange(districts.SelectMany(d => new[] { $"/Districts/{d}", $"/feeds/{d}.atom" }));
        urls.AddRange(items.Select(i => $"/Catalog/Details/{i}"));
        // Every public contract page (an unsigned draft answers 404).
        urls.AddRange((await db.Contracts.Where(c => c.Status != Marketplace.Contracts.ContractStatus.Drafted).Select(c => c.Id).ToListAsync()).Select(c => $"/Contracts/{c}"));
        urls.AddRange(organizations.Select(o => $"/organizations/{o}"));
        var package = JsonNode.Parse(await anonymous.Http.GetStringAsync("/api/ocds/release-package"))!;
        urls.AddRange(package["releases"]!.AsArray().Select(r => (string)r!["ocid"]!).Distinct().Select(o => "/api/ocds/record-package?ocid=" + o));
        return urls;
    }
}

public sealed class LeakTests_Sqlite(SqliteTenderApp app) : LeakTests(app), IClassFixture<SqliteTenderApp>;

public sealed class LeakTests_Postgres(PostgresTenderApp app) : LeakTests(app), IClassFixture<PostgresTenderApp>;
