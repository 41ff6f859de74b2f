using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Budgets;

/// <summary>
/// A funding source in a stored document: written by enum name, read by enum name or, for tender
/// documents written while the source travelled as its display name, by its Chinese name ("财政资金").
/// </summary>
public sealed class FundingSourceJsonConverter : JsonConverter<FundingSource>
{
    public override FundingSource Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (Enum.TryParse<FundingSource>(text, ignoreCase: false, out var named) && Enum.IsDefined(named))
        {
            return named;
        }
        foreach (var source in FundingSources.All)
        {
            if (source.Chinese() == text)
            {
                return source;
            }
        }
        throw new JsonException($"Unknown funding source '{text}'.");
    }

    public override void Write(Utf8JsonWriter writer, FundingSource value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
