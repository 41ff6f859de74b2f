using System.Globalization;
using System.Text.Json;
using Marketplace.Catalog;
using Marketplace.Domain;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Bench.Submissions;

/// <summary>
/// The public listings at the scale of issue 15: 江宁区 grown to <c>streets</c> streets, each with published
/// catalog items drawn from the seed catalogue's own items (title, content, guiding entry, budget), created
/// and published through the street's catalog grain as an official would. Streets are reference data (the
/// seeder writes them as rows too); their names join two place-name syllables, "龙湾街道", "金塘街道" ….
/// </summary>
internal static class ListingData
{
    private const string District = "江宁区";

    private static readonly string[] First =
        [.. "东西南北龙凤金银玉青白红长新安永平和顺兴泰华明光春秋朝阳星云河湖桥溪塘林竹梅兰松柏".Select(c => new string(c, 1))];

    private static readonly string[] Second = [.. "山湖桥门港塘岗村坊园亭庄店营埠镇口坝洲湾岭峰苑泉源".Select(c => new string(c, 1))];

    private sealed record SeedItem(string Street, string Guiding, string Title, string Content, string[] Providers,
        string Requirements, string Materials, string Budget, bool Publish);

    /// <summary>
    /// Adds streets to 江宁区 until it has <paramref name="streets"/>, then <paramref name="items"/> published items
    /// spread over them and <paramref name="contracts"/> signed contracts of <paramref name="usccs"/> over the streets
    /// that have no budget this year yet (<see cref="ContractData"/>: the district PDF's committed and disbursed).
    /// </summary>
    public static async Task CreateAsync(BenchSilo silo, int streets, int items, int contracts, IReadOnlyList<string> usccs)
    {
        var ids = await StreetsAsync(silo, streets);
        var district = await BenchData.QueryAsync(silo, db => db.Districts.Where(d => d.Name == District).Select(d => d.Id).SingleAsync());
        var areas = await BenchData.QueryAsync(silo, db => db.GuidingCatalogEntries.Where(g => g.DistrictId == district)
            .ToDictionaryAsync(g => g.Code, g => g.ServiceAreaCode));
        var seed = JsonSerializer.Deserialize<SeedItem[]>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seed", "transfer-items.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!.Where(i => areas.ContainsKey(i.Guiding)).ToArray();
        var streetNames = await BenchData.QueryAsync(silo, db => db.Streets.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name));
        var perStreet = (items + ids.Count - 1) / ids.Count;
        var created = 0;
        await Parallel.ForEachAsync(ids.Select((id, n) => (id, n)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (s, _) =>
        {
            var catalog = silo.Grains.GetGrain<IStreetCatalogGrain>(s.id);
            for (var k = 0; k < perStreet && Interlocked.Increment(ref created) <= items; k++)
            {
                var source = seed[(s.n * perStreet + k) % seed.Length];
                // The seed titles begin with their own street's name; the generated street takes its place.
                var title = streetNames[s.id] + TitleWithoutStreet(source);
                var draft = new TransferItemDraft(title, source.Content, [.. source.Providers.Select(Enum.Parse<ProviderType>)],
                    source.Requirements, source.Materials, areas[source.Guiding],
                    Money.FromYuan(decimal.Parse(source.Budget, CultureInfo.InvariantCulture)), PurchaseNature.Service, source.Guiding);
                var item = BenchData.Check(await catalog.CreateAsync(draft, "bench"));
                BenchData.Check(await catalog.PublishAsync(item.Id, item.Version, "bench"));
            }
        });
        Console.WriteLine($"generated {District} with {ids.Count} streets and {Math.Min(created, items)} published catalog items");
        if (contracts > 0)
        {
            var year = ChinaTime.Year(DateTimeOffset.UtcNow);
            var budgeted = await BenchData.QueryAsync(silo, db => db.StreetBudgets.Where(b => b.Year == year).Select(b => b.StreetId).ToListAsync());
            var open = ids.Except(budgeted).Select(id => new ContractData.Street(id, district, streetNames[id])).ToList();
            var started = System.Diagnostics.Stopwatch.StartNew();
            var made = await ContractData.CreateAsync(silo.Grains, open, usccs, contracts, year);
            Console.WriteLine($"generated {made.Sum(m => m.Contracts)} contracts over {open.Count} streets of {District} in {started.Elapsed.TotalSeconds:0.0} s");
        }
    }

    private static string TitleWithoutStreet(SeedItem item) =>
        item.Title.StartsWith(item.Street, StringComparison.Ordinal) ? item.Title[item.Street.Length..] : item.Title;

    /// <summary>The district's street ids, after adding generated streets up to <paramref name="count"/>.</summary>
    private static async Task<List<long>> StreetsAsync(BenchSilo silo, int count)
    {
        await using var db = await silo.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var district = await db.Districts.SingleAsync(d => d.Name == District);
        var names = (await db.Streets.Select(s => s.Name).ToListAsync()).ToHashSet();
        var candidates = First.SelectMany(a => Second.Select(b => a + b + "街道")).Where(n => !names.Contains(n));
        var existing = await db.Streets.CountAsync(s => s.DistrictId == district.Id);
        db.Streets.AddRange(candidates.Take(Math.Max(0, count - existing)).Select(n => new Street { Name = n, DistrictId = district.Id }));
        await db.SaveChangesAsync();
        return await db.Streets.Where(s => s.DistrictId == district.Id).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync();
    }
}
