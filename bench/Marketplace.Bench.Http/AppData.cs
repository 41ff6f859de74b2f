using System.Data.Common;
using System.Text.Json;

namespace Marketplace.Bench.Http;

/// <summary>What the scenarios pick from, read from the app's own database and public JSON after start-up.</summary>
internal sealed record AppData(IReadOnlyList<long> Streets, IReadOnlyList<string> Areas, IReadOnlyList<string> Districts,
    IReadOnlyList<long> DistrictIds, IReadOnlyList<string> Words, IReadOnlyList<string> Ngos)
{
    public static async Task<AppData> ReadAsync(DbConnection db)
    {
        await db.OpenAsync();
        async Task<List<T>> List<T>(string sql)
        {
            await using var command = db.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var list = new List<T>();
            while (await reader.ReadAsync())
            {
                list.Add(reader.GetFieldValue<T>(0));
            }
            return list;
        }
        var titles = await List<string>("SELECT \"Title\" FROM \"TransferItems\"");
        return new AppData(
            await List<long>("SELECT \"Id\" FROM \"Streets\""),
            await List<string>("SELECT \"Code\" FROM \"ServiceAreas\""),
            await List<string>("SELECT \"Name\" FROM \"Districts\""),
            await List<long>("SELECT \"Id\" FROM \"Districts\""),
            [.. titles.Where(t => t.Length >= 2).Select(t => t[..2]).Distinct().DefaultIfEmpty("服务")],
            await List<string>("SELECT \"UserName\" FROM \"AspNetUsers\" WHERE \"OrganizationUscc\" IS NOT NULL ORDER BY \"UserName\""));
    }

    public static async Task<long> CountAsync(DbConnection db, string table)
    {
        if (db.State != System.Data.ConnectionState.Open)
        {
            await db.OpenAsync();
        }
        await using var command = db.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Tenders still before their deadline, from the public JSON (the pages decide who may apply).</summary>
    public static async Task<List<string>> OpenTendersAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/public/tenders"));
        return [.. json.RootElement.EnumerateArray()
            .Where(t => t.GetProperty("deadline").GetDateTimeOffset() > DateTimeOffset.UtcNow)
            .Select(t => t.GetProperty("id").GetString()!)];
    }
}
