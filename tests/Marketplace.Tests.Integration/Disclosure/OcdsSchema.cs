using System.Text.Json.Nodes;
using NJsonSchema;

namespace Marketplace.Tests.Integration.Disclosure;

/// <summary>
/// The official OCDS 1.1.5 schemas (draft-04, validated with NJsonSchema): the release schema with the budget
/// breakdown and bids extensions applied as JSON Merge Patches (RFC 7386), and the package schemas whose
/// remote release reference is checked release by release against it.
/// </summary>
internal static class OcdsSchema
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Disclosure", "ocds-1.1.5");

    private static readonly Lazy<Task<JsonSchema>> Release = new(async () =>
    {
        var schema = Read("release-schema.json");
        foreach (var extension in new[] { "ocds_budget_breakdown_extension", "ocds_bid_extension" })
        {
            MergePatch(schema, Read(Path.Combine("extensions", extension, "release-schema.json")));
        }
        return await JsonSchema.FromJsonAsync(schema.ToJsonString());
    });

    /// <summary>Every error of a release package: the package's own fields, then each release's.</summary>
    public static async Task<List<string>> ReleasePackageErrorsAsync(string json)
    {
        var package = JsonNode.Parse(json)!.AsObject();
        var errors = await PackageErrorsAsync("release-package-schema.json", package, s => s["properties"]!["releases"]!["items"] = new JsonObject { ["type"] = "object" });
        foreach (var release in package["releases"]!.AsArray())
        {
            errors.AddRange(await ReleaseErrorsAsync(release!));
        }
        return errors;
    }

    /// <summary>Every error of a record package: the package's fields, each embedded release and the compiled release.</summary>
    public static async Task<List<string>> RecordPackageErrorsAsync(string json)
    {
        var package = JsonNode.Parse(json)!.AsObject();
        var errors = await PackageErrorsAsync("record-package-schema.json", package, s =>
        {
            var record = s["definitions"]!["record"]!["properties"]!;
            record["releases"] = new JsonObject { ["type"] = "array" };
            record["compiledRelease"] = new JsonObject { ["type"] = "object" };
            record.AsObject().Remove("versionedRelease");
        });
        foreach (var record in package["records"]!.AsArray())
        {
            foreach (var release in record!["releases"]!.AsArray())
            {
                errors.AddRange(await ReleaseErrorsAsync(release!));
            }
            errors.AddRange(await ReleaseErrorsAsync(record["compiledRelease"]!));
        }
        return errors;
    }

    private static async Task<List<string>> ReleaseErrorsAsync(JsonNode release) =>
        [.. (await Release.Value).Validate(release.ToJsonString()).Select(e => $"{release["id"]}: {e}")];

    private static async Task<List<string>> PackageErrorsAsync(string file, JsonObject package, Action<JsonObject> localReleases)
    {
        var schema = Read(file);
        localReleases(schema);
        var validator = await JsonSchema.FromJsonAsync(schema.ToJsonString());
        return [.. validator.Validate(package.ToJsonString()).Select(e => "package: " + e)];
    }

    private static JsonObject Read(string relative) => JsonNode.Parse(File.ReadAllText(Path.Combine(Root, relative)))!.AsObject();

    private static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject o && target[key] is JsonObject existing)
            {
                MergePatch(existing, o);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
