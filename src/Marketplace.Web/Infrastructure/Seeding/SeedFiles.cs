using System.Text.Json;

namespace Marketplace.Web.Infrastructure.Seeding;

internal sealed record DistrictSeed(string City, string Name, string[] Streets);
internal sealed record ServiceAreaSeed(string Code, string Name);
internal sealed record GuidingEntrySeed(string Code, string Name, string Area, string Description);
internal sealed record TransferItemSeed(
    string Street, string Guiding, string Title, string Content, string[] Providers, string Requirements,
    string Materials, string Budget, bool Publish);
internal sealed record DemoUserSeed(string UserName, string DisplayName, string Role, string? District, string? Street);

/// <summary>Reads the JSON files of the repository's seed/ folder (copied next to the app).</summary>
internal static class SeedFiles
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static T[] Read<T>(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "seed", fileName);
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T[]>(stream, Options) ?? [];
    }
}
