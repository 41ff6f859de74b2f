using Marketplace.Bench.Submissions;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Budgets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Reports;

/// <summary>
/// The district PDF with its contracts part: a small set made by the bench's contract generator (the same code
/// that fills the 20,000-contract district of bench/run) through the grains, read back from the public PDF.
/// </summary>
public abstract class DistrictReportContractsTests(AppFixture app)
{
    private const string District = "江宁区";
    private static readonly string[] Names = ["青龙湾街道", "金塘岭街道", "玉泉坊街道"];
    private const int Contracts = 8; // 3, 3 and 2 per street

    private MarketplaceAppFactory Factory => app.Require();

    private static int Year => ChinaTime.Year(DateTimeOffset.UtcNow);

    [SkippableFact]
    public async Task District_pdf_shows_what_each_street_committed_and_paid_on_its_generated_contracts()
    {
        var (districtId, streets, usccs) = await NewStreetsAsync();
        var generated = await ContractData.CreateAsync(Factory.Services.GetRequiredService<IGrainFactory>(), streets, usccs, Contracts, Year);

        // What the contracts imply, computed apart from the ledger: every contract committed, every second one's
        // signing tranche (half) moved to disbursed.
        for (var s = 0; s < streets.Count; s++)
        {
            var amounts = Enumerable.Range(0, generated[s].Contracts).Select(k => (k, Amount: ContractData.Amount(s, k))).ToList();
            var paid = Money.Sum(amounts.Where(a => a.k % 2 == 0).Select(a => Money.FromYuan(a.Amount.Yuan / 2)));
            Assert.Equal(Money.Sum(amounts.Select(a => a.Amount)) - paid, generated[s].Committed);
            Assert.Equal(paid, generated[s].Disbursed);
        }
        Assert.Equal([3, 3, 2], generated.Select(g => g.Contracts));

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var ids = streets.Select(s => s.Id).ToList();
            var rows = await db.Contracts.AsNoTracking().Where(c => ids.Contains(c.StreetId)).Select(c => c.Id).ToListAsync();
            Assert.Equal(Contracts, rows.Count);
            Assert.Equal(Contracts * 3, await db.ContractTranches.CountAsync(t => rows.Contains(t.ContractId)));
            var audit = await LedgerAudit.RunAsync(db, districtId, Year, CancellationToken.None);
            Assert.True(audit.Passed, string.Join("; ", audit.Problems));
        }

        using var anonymous = new AppSession(Factory);
        var text = PdfText.All(await (await anonymous.GetAsync($"/reports/budget/{Year}/district/{districtId}.pdf")).Content.ReadAsByteArrayAsync());
        foreach (var g in generated)
        {
            // The street's row: its confirmed budget, then (after 预算占用) 已承诺 and 已支付 side by side.
            Assert.Contains(g.Name + MoneyFormat.Plain(g.Budget), text);
            Assert.Contains(MoneyFormat.Plain(g.Committed) + MoneyFormat.Plain(g.Disbursed), text);
        }
    }

    private async Task<(long District, List<ContractData.Street> Streets, List<string> Usccs)> NewStreetsAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var district = await db.Districts.SingleAsync(d => d.Name == District);
        db.Streets.AddRange(Names.Select(n => new Street { Name = n, DistrictId = district.Id }));
        await db.SaveChangesAsync();
        var streets = await db.Streets.AsNoTracking().Where(s => Names.Contains(s.Name)).OrderBy(s => s.Id)
            .Select(s => new ContractData.Street(s.Id, s.DistrictId, s.Name)).ToListAsync();
        // Signing checks the organization (已入库, no negative entry): the demo's listed ones are left out.
        var listed = db.NegativeEntries.Select(n => n.Uscc);
        var usccs = await db.Organizations.AsNoTracking()
            .Where(o => o.DistrictId == district.Id && o.Status == DirectoryStatus.Admitted && !listed.Contains(o.Uscc))
            .OrderBy(o => o.Uscc).Select(o => o.Uscc).ToListAsync();
        return (district.Id, streets, usccs);
    }
}

public sealed class DistrictReportContractsTests_Sqlite(SqliteApp app) : DistrictReportContractsTests(app), IClassFixture<SqliteApp>;

public sealed class DistrictReportContractsTests_Postgres(PostgresApp app) : DistrictReportContractsTests(app), IClassFixture<PostgresApp>;
