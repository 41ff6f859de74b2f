using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Marketplace.Domain;

namespace Marketplace.Web.Features.Disclosure;

/// <summary>
/// Packages and their bytes (docs/decisions/0015): dates in China time with the offset written out, keys in
/// the order they were built, Chinese written as is. The same releases always give the same bytes.
/// </summary>
public static class OcdsJson
{
    public const string Version = "1.1";

    /// <summary>The extensions the releases use: budget breakdown (funding split) and bids (statistics).</summary>
    public static readonly string[] Extensions =
    [
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_budget_breakdown_extension/master/extension.json",
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/master/extension.json",
    ];

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Date(DateTimeOffset at) => at.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:ss'+08:00'", CultureInfo.InvariantCulture);

    /// <summary>A calendar day in China: its first second, or its last for an end or due date.</summary>
    public static string Date(DateOnly day, bool endOfDay) =>
        day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (endOfDay ? "T23:59:59+08:00" : "T00:00:00+08:00");

    public static JsonObject Period(DateOnly start, DateOnly end) => new() { ["startDate"] = Date(start, false), ["endDate"] = Date(end, true) };

    /// <summary>The package's published date is its newest release's: real, and stable while the data is.</summary>
    public static JsonObject ReleasePackage(string uri, string publisher, IReadOnlyList<JsonObject> releases, DateTimeOffset empty) => new()
    {
        ["uri"] = uri, ["version"] = Version,
        ["extensions"] = new JsonArray([.. Extensions.Select(e => (JsonNode)e)]),
        ["publishedDate"] = Newest(releases, empty),
        ["publisher"] = new JsonObject { ["name"] = publisher },
        ["license"] = "https://creativecommons.org/publicdomain/zero/1.0/",
        ["releases"] = new JsonArray([.. releases]),
    };

    public static JsonObject RecordPackage(string uri, string publisher, string ocid, IReadOnlyList<JsonObject> releases) => new()
    {
        ["uri"] = uri, ["version"] = Version,
        ["extensions"] = new JsonArray([.. Extensions.Select(e => (JsonNode)e)]),
        ["publishedDate"] = Newest(releases, DateTimeOffset.UnixEpoch),
        ["publisher"] = new JsonObject { ["name"] = publisher },
        ["license"] = "https://creativecommons.org/publicdomain/zero/1.0/",
        ["records"] = new JsonArray(new JsonObject
        {
            ["ocid"] = ocid,
            ["releases"] = new JsonArray([.. releases.Select(r => r.DeepClone())]),
            ["compiledRelease"] = Compile(ocid, releases),
        }),
    };

    public static byte[] Bytes(JsonObject package) => Encoding.UTF8.GetBytes(package.ToJsonString(Options) + "\n");

    private static string Newest(IReadOnlyList<JsonObject> releases, DateTimeOffset empty) =>
        releases.Count == 0 ? Date(empty) : releases.Select(r => (string)r["date"]!).Max(StringComparer.Ordinal)!;

    /// <summary>
    /// The compiled release: releases merged in date order, later values winning, arrays of objects with an
    /// id merged by id (the OCDS merge routine's rule for identified objects); other arrays replaced.
    /// </summary>
    private static JsonObject Compile(string ocid, IReadOnlyList<JsonObject> releases)
    {
        var compiled = new JsonObject();
        foreach (var r in releases)
        {
            Merge(compiled, r);
        }
        compiled["ocid"] = ocid;
        compiled["id"] = ocid + "-compiled";
        compiled["tag"] = new JsonArray("compiled");
        return compiled;
    }

    private static void Merge(JsonObject into, JsonObject from)
    {
        foreach (var (key, value) in from)
        {
            if (value is JsonObject o && into[key] is JsonObject existing)
            {
                Merge(existing, o);
            }
            else if (value is JsonArray a && into[key] is JsonArray old && a.All(i => i is JsonObject io && io["id"] is not null))
            {
                foreach (var item in a.Cast<JsonObject>())
                {
                    var id = item["id"]!.ToJsonString();
                    if (old.OfType<JsonObject>().FirstOrDefault(x => x["id"]?.ToJsonString() == id) is { } match)
                    {
                        Merge(match, item);
                    }
                    else
                    {
                        old.Add(item.DeepClone());
                    }
                }
            }
            else
            {
                into[key] = value?.DeepClone();
            }
        }
    }
}
