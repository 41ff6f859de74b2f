using Marketplace.Budgets;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Rounds;

/// <summary>The demo's rounds: 月河街道's finished round with its projects under contract, the district's round open for applications.</summary>
public abstract class RoundsSeedTests(AppFixture app)
{
    private MarketplaceAppFactory Factory => app.Require();

    [SkippableFact]
    public async Task The_finished_street_round_funds_in_rank_order_its_projects_are_signed_and_the_ledger_balances()
    {
        var grains = Factory.Services.GetRequiredService<IGrainFactory>();
        var (yuehe, district) = await StreetAsync("月河街道");
        var summary = (await grains.GetGrain<IVentureRoundListGrain>(district).ListAsync()).Single(r => r.Organizer.StreetId == yuehe);
        var view = (await grains.GetGrain<IVentureRoundGrain>(summary.Id).GetPublicAsync())!;

        Assert.Equal(RoundStatus.Contracts, view.Info.Status);
        Assert.NotNull(view.Info.Publicity);
        // ¥100,000: 86.40 → ¥48,000 and 81.75 → ¥45,000 funded; 58.50 is below the minimum score; ¥7,000 goes back.
        Assert.Equal([48_000m, 45_000m], view.Funded.OrderBy(f => f.Rank).Select(f => f.Amount.Yuan));
        Assert.Equal([86.40m, 81.75m], view.Funded.OrderBy(f => f.Rank).Select(f => f.Score));
        Assert.Equal(Money.FromYuan(7_000m), view.Leftover);
        foreach (var f in view.Funded)
        {
            var contract = (await grains.GetGrain<IContractGrain>(f.ApplicationId).GetAsync())!;
            Assert.Equal(summary.Id, contract.RoundId);
            Assert.Equal(f.Amount, contract.Amount);
            Assert.NotEqual(ContractStatus.Drafted, contract.Status);
        }
        var budget = grains.GetStreetBudget(yuehe, summary.Year);
        Assert.Empty(await budget.CheckAsync());
        // Both contracts signed: nothing of the pool is still held by the round.
        var held = await budget.GetEncumbranceAsync(new DocumentRef(DocumentTypes.Round, summary.Id.ToString("N")));
        Assert.True(Money.Sum(held.Select(h => h.Amount)).IsZero);
    }

    [SkippableFact]
    public async Task The_finished_street_round_names_its_panel_from_the_district_pool_on_its_publicity_page_and_pdf()
    {
        var grains = Factory.Services.GetRequiredService<IGrainFactory>();
        var (yuehe, district) = await StreetAsync("月河街道");
        var summary = (await grains.GetGrain<IVentureRoundListGrain>(district).ListAsync()).Single(r => r.Organizer.StreetId == yuehe);
        var pool = (await grains.GetGrain<Marketplace.Tendering.IExpertPoolGrain>(district).GetExpertsAsync()).Select(e => e.Name).ToHashSet();

        var experts = (await grains.GetGrain<IVentureRoundGrain>(summary.Id).GetPublicAsync())!.Experts;
        Assert.Equal(new[] { "沈建芳", "钟国华", "姚丽萍" }, experts.ToArray());
        Assert.All(experts, name => Assert.Contains(name, pool));

        using var anonymous = new AppSession(Factory);
        Assert.Contains("评审专家：沈建芳、钟国华、姚丽萍", await anonymous.Http.GetStringAsync($"/Rounds/Details/{summary.Id}"));
        var pdf = await anonymous.Http.GetByteArrayAsync($"/Rounds/Details/{summary.Id}?handler=Pdf");
        Assert.Contains("沈建芳、钟国华、姚丽萍", Reports.PdfText.All(pdf));
    }

    [SkippableFact]
    public async Task The_district_round_is_open_sealed_and_holds_each_street_share()
    {
        var grains = Factory.Services.GetRequiredService<IGrainFactory>();
        var (chaoyang, district) = await StreetAsync("朝阳街道");
        var (aishan, _) = await StreetAsync("爱山街道");
        var summary = (await grains.GetGrain<IVentureRoundListGrain>(district).ListAsync()).Single(r => r.Organizer.StreetId is null);
        var info = (await grains.GetGrain<IVentureRoundGrain>(summary.Id).GetInfoAsync())!;

        Assert.Equal(RoundStatus.Open, info.Status);
        Assert.Null(info.ApplicationCount);
        Assert.Equal(Money.FromYuan(400_000m), info.Settings.Pool);
        foreach (var street in new[] { chaoyang, aishan })
        {
            var budget = grains.GetStreetBudget(street, summary.Year);
            var held = await budget.GetEncumbranceAsync(new DocumentRef(DocumentTypes.Round, summary.Id.ToString("N")));
            Assert.Equal(Money.FromYuan(200_000m), Money.Sum(held.Select(h => h.Amount)));
            Assert.Empty(await budget.CheckAsync());
        }
    }

    private async Task<(long Street, long District)> StreetAsync(string name)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var s = await db.Streets.Where(x => x.Name == name && x.District!.Name == "吴兴区").Select(x => new { x.Id, x.DistrictId }).SingleAsync();
        return (s.Id, s.DistrictId);
    }
}

public sealed class RoundsSeedTests_Sqlite(SqliteApp app) : RoundsSeedTests(app), IClassFixture<SqliteApp>;

public sealed class RoundsSeedTests_Postgres(PostgresApp app) : RoundsSeedTests(app), IClassFixture<PostgresApp>;
